package dev.stepcast.cli;

import dev.stepcast.engine.io.JsonMappers;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepcast.engine.ModelException;
import dev.stepcast.engine.text.A1111Chunker;
import dev.stepcast.engine.text.ClipTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code stepcast tokenize --tokenizer DIR TEXT}: prints {@code {"ids":[…],"count":N}} — the CLIP ids with BOS and
 * EOS, and the token count without them (what the panel shows as "N/75"). With {@code --a1111}:
 * {@code {"chunks":[{"ids":[…77…],"weights":[…77…]}],"count":N}} as A1111's {@code tokenize_line} makes them. DIR is a tokenizer folder
 * ({@code vocab.json} + {@code merges.txt} or {@code tokenizer.json}) or a model folder with a {@code tokenizer/}.
 *
 * <p><b>Threads:</b> picocli calls {@link #call()} on the main thread.
 */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = "Print the CLIP token ids of TEXT as JSON: {\"ids\":[...],\"count\":N}.")
final class TokenizeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--tokenizer", required = true, paramLabel = "DIR",
            description = "Tokenizer folder (vocab.json + merges.txt, or tokenizer.json) or a model folder.")
    Path tokenizer;

    @Option(names = "--a1111", description = "Read the text as A1111 does (emphasis, BREAK, 75-token chunks with "
            + "comma backtracking) and print {\"chunks\":[{\"ids\":[...77...],\"weights\":[...77...]}],\"count\":N}.")
    boolean a1111;

    @Option(names = "--no-emphasis", description = "With --a1111: brackets and BREAK are plain text.")
    boolean noEmphasis;

    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "The text (several words are joined by spaces).")
    List<String> text;

    @Override
    public Integer call() throws ModelException {
        Path dir = Files.isDirectory(tokenizer.resolve("tokenizer")) ? tokenizer.resolve("tokenizer") : tokenizer;
        if (!Files.isDirectory(dir)) {
            throw new UsageError("tokenizer folder " + tokenizer + " does not exist");
        }
        ClipTokenizer clip = ClipTokenizer.load(dir);
        String joined = String.join(" ", text);
        ObjectNode json = JsonMappers.create().createObjectNode();
        if (a1111) {
            A1111Chunker.Result result = A1111Chunker.chunk(clip, joined, !noEmphasis);
            var chunks = json.putArray("chunks");
            for (int c = 0; c < result.chunkCount(); c++) {
                ObjectNode chunk = chunks.addObject();
                var chunkIds = chunk.putArray("ids");
                for (int id : result.ids()[c]) {
                    chunkIds.add(id);
                }
                var weights = chunk.putArray("weights");
                for (float w : result.weights()[c]) {
                    weights.add(w);
                }
            }
            json.put("count", result.tokenCount());
            spec.commandLine().getOut().println(json);
            return 0;
        }
        var ids = json.putArray("ids");
        for (int id : clip.encode(joined)) {
            ids.add(id);
        }
        json.put("count", clip.tokenCount(joined));
        spec.commandLine().getOut().println(json);
        return 0;
    }
}
