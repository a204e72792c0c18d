package dev.stepcast.cli.bench;

import dev.stepcast.engine.synthetic.SyntheticModelWriter;
import dev.stepcast.engine.synthetic.SyntheticOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model folder {@code bench cold} and {@code bench memory} measure: the one given with {@code --model}, or a
 * tiny SD-shaped folder in diffusers' ONNX layout ({@link SyntheticOptions#defaults()}: fp32, width-32 text
 * embeddings, no extra compute) so that load and call overheads, not arithmetic, dominate; with {@code --tokenizer
 * DIR} the real CLIP tokenizer files are copied in, so the tokenizer costs what it costs with a real model.
 *
 * <p><b>Threads:</b> the bench thread.
 */
final class MeasuredModel {

    private MeasuredModel() {
    }

    static Path resolve(Path model, Path tokenizer, Path workDir) throws IOException {
        if (model != null) {
            return model;
        }
        Path folder = workDir.resolve("tiny-sd");
        if (!Files.isDirectory(folder)) {
            SyntheticOptions options = SyntheticOptions.defaults();
            if (tokenizer != null) {
                options = options.withClipTokenizer(tokenizer);
            }
            SyntheticModelWriter.write(folder, options);
        }
        return folder;
    }
}
