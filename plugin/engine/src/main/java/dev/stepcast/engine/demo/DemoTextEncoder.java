package dev.stepcast.engine.demo;

import dev.stepcast.engine.onnx.GraphBuilder;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The demo model's text encoder: an ONNX graph with a CLIP text encoder's contract ({@code input_ids} int32
 * [batch, sequence] → {@code last_hidden_state} float [batch, sequence, 768]) that looks each token up in a table.
 * A keyword's row carries, in its first K columns, the log-prior nats it adds to each family (weight ×
 * {@link #LOG_PRIOR_UNIT}); every other token (byte pieces, BOS, EOS/padding, any id out of the table) has a zero
 * row. The UNet sums the rows over the sequence, so the empty prompt gives a uniform prior (classifier-free
 * guidance works as on a real model), a repeated keyword counts twice, and a negative prompt pushes away.
 *
 * <p><b>Threads:</b> stateless; safe to call from several threads.
 */
final class DemoTextEncoder {

    /**
     * Nats of log-prior per unit of keyword weight. Large against the likelihood differences between families at
     * the first steps (tens of nats at 512×512), so a named family is what the conditional branch follows.
     */
    static final float LOG_PRIOR_UNIT = 200f;

    private DemoTextEncoder() {
    }

    /** All keywords of all families. */
    static Set<String> keywords(List<SceneFamily> families) {
        Set<String> out = new LinkedHashSet<>();
        for (SceneFamily f : families) {
            out.addAll(f.keywords().keySet());
        }
        return out;
    }

    /** The embedding table: {@code [regularSize + 1, 768]}; the last row (zeros) serves every id ≥ regularSize. */
    static float[] table(DemoTokenizer tokenizer, List<SceneFamily> families) {
        int rows = tokenizer.regularSize() + 1;
        float[] table = new float[rows * DemoUnetGraph.HIDDEN];
        for (int f = 0; f < families.size(); f++) {
            for (Map.Entry<String, Double> e : families.get(f).keywords().entrySet()) {
                int id = tokenizer.keywordId(e.getKey());
                table[id * DemoUnetGraph.HIDDEN + f] += (float) (e.getValue() * LOG_PRIOR_UNIT);
            }
        }
        return table;
    }

    static GraphBuilder build(DemoTokenizer tokenizer, List<SceneFamily> families) {
        int rows = tokenizer.regularSize() + 1;
        GraphBuilder g = new GraphBuilder("stepcast_demo_text_encoder");
        g.input("input_ids", GraphBuilder.INT32, "batch", "sequence");
        g.output("last_hidden_state", GraphBuilder.FLOAT, "batch", "sequence", DemoUnetGraph.HIDDEN);
        g.initializer("embeddings", table(tokenizer, families), rows, DemoUnetGraph.HIDDEN);
        g.initializer("last_row", new long[] {rows - 1}, 1);
        g.initializer("zero", new long[] {0}, 1);
        String ids = g.op("Cast", "ids64", new String[] {"input_ids"}, "to", GraphBuilder.INT64);
        String clipped = g.op("Max", "ids_low", new String[] {g.op("Min", "ids_high", new String[] {ids, "last_row"}),
            "zero"});
        g.op("Gather", "last_hidden_state", new String[] {"embeddings", clipped}, "axis", 0);
        return g;
    }
}
