package dev.stepcast.engine.testing;

import dev.stepcast.engine.synthetic.SyntheticModelWriter;
import dev.stepcast.engine.synthetic.SyntheticOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test fixture (exported in the engine's test-jar): synthetic model folders in a test's temp dir, and the shared
 * real CLIP tokenizer files ({@code ../shared/clip} beside the repository; system property {@code stepcast.clip}
 * overrides).
 *
 * <pre>{@code
 * Path folder = TestModels.write(tempDir, SyntheticOptions.defaults().withFp16(true));
 * Path withClip = TestModels.writeWithClip(tempDir, SyntheticOptions.defaults());
 * }</pre>
 *
 * <p><b>Threads:</b> stateless.
 */
public final class TestModels {

    private TestModels() {
    }

    /** Writes a synthetic model with the tiny byte-level tokenizer into {@code dir/model}. */
    public static Path write(Path dir, SyntheticOptions options) {
        try {
            return SyntheticModelWriter.write(dir.resolve("model"), options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a synthetic model with the real CLIP vocabulary (copied from {@link #clipDir()}). */
    public static Path writeWithClip(Path dir, SyntheticOptions options) {
        return write(dir, options.withClipTokenizer(clipDir()));
    }

    /** The folder with the real CLIP {@code vocab.json} and {@code merges.txt}. */
    public static Path clipDir() {
        String property = System.getProperty("stepcast.clip");
        if (property != null) {
            return Path.of(property);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("clip");
            if (Files.isRegularFile(candidate.resolve("vocab.json"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("real CLIP files not found (../shared/clip beside the repository); set"
                + " -Dstepcast.clip=DIR");
    }
}
