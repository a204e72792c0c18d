package dev.stepcast.engine.text;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the real CLIP tokenizer files for tests: {@code shared/clip} beside the repository (the tests run in the
 * module folder, so the parents are searched), or the folder named by the system property {@code stepcast.clipDir}.
 * They are never copied into the repository.
 */
final class ClipFiles {

    private ClipFiles() {
    }

    /** The folder holding {@code vocab.json} and {@code merges.txt}; skips the calling test when it is absent. */
    static Path folder() {
        String override = System.getProperty("stepcast.clipDir");
        if (override != null) {
            return check(Path.of(override));
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("clip");
            if (Files.isRegularFile(candidate.resolve("vocab.json"))) {
                return candidate;
            }
        }
        assumeTrue(false, "Real CLIP tokenizer files not found: expected shared/clip/vocab.json beside the "
                + "repository (e.g. /work/shared/clip) or -Dstepcast.clipDir=…; skipping.");
        return null;
    }

    private static Path check(Path dir) {
        assumeTrue(Files.isRegularFile(dir.resolve("vocab.json")) && Files.isRegularFile(dir.resolve("merges.txt")),
                "No vocab.json/merges.txt in " + dir + "; skipping.");
        return dir;
    }
}
