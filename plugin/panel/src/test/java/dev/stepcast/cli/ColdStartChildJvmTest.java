package dev.stepcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.engine.synthetic.SyntheticModelWriter;
import dev.stepcast.engine.synthetic.SyntheticOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a cold {@code stepcast generate} does at start, seen from outside in fresh JVMs as a user runs it: ONNX
 * Runtime's libraries are unpacked once into the user cache and loaded from there (ONNX Runtime's own loader would
 * unpack 22 MB into a new {@code onnxruntime-java…} temporary folder each run and leave the folder behind), and the
 * model that loads while picocli parses gives the same picture as the model loaded after it.
 */
class ColdStartChildJvmTest {

    @TempDir
    Path temp;

    @Test
    void onnxRuntimeIsUnpackedOnceIntoTheCacheAndTheTemporaryFolderStaysEmpty() throws Exception {
        Path model = SyntheticModelWriter.write(temp.resolve("tiny-sd"), SyntheticOptions.defaults());
        Path tmp = Files.createDirectory(temp.resolve("tmp"));

        String first = run(tmp, "generate", "--model", model.toString(), "--prompt", "a lighthouse", "--seed", "7",
                "--steps", "3", "--scheduler", "lms", "--width", "64", "--height", "64", "--out", temp.resolve("a.png").toString());
        Path nativeRoot = temp.resolve("cache/stepcast/native");
        List<Path> unpacked = list(nativeRoot);
        // the panel's own CLI test class path holds ONNX Runtime's jar: the folder is keyed by its library's CRC
        assertThat(unpacked).hasSize(1);
        Path libraries = unpacked.get(0);
        long stamp = Files.getLastModifiedTime(libraries.resolve(System.mapLibraryName("onnxruntime"))).toMillis();

        String second = run(tmp, "generate", "--model=" + model, "--prompt", "a lighthouse", "--seed", "7",
                "--steps", "3", "--scheduler", "lms", "--width", "64", "--height", "64", "--out", temp.resolve("b.png").toString());

        assertThat(first).startsWith(temp.resolve("a.png") + ": 64×64, 3 steps");
        assertThat(second).startsWith(temp.resolve("b.png") + ": 64×64, 3 steps");
        assertThat(list(tmp)).as("ONNX Runtime's temporary folders").isEmpty();
        assertThat(list(nativeRoot)).containsExactly(libraries);
        assertThat(Files.getLastModifiedTime(libraries.resolve(System.mapLibraryName("onnxruntime"))).toMillis())
                .as("not copied again").isEqualTo(stamp);
        assertThat(Files.readAllBytes(temp.resolve("b.png"))).isEqualTo(Files.readAllBytes(temp.resolve("a.png")));
    }

    private String run(Path tmp, String... args) throws Exception {
        ChildCli.Run run = ChildCli.run(temp, List.of("-Duser.home=" + temp,
                "-Dstepcast.cache=" + temp.resolve("cache"), "-Djava.io.tmpdir=" + tmp), List.of(args));
        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        assertThat(run.err()).as("stderr").isEmpty();
        return run.out().strip();
    }

    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> children = Files.list(dir)) {
            return children.sorted().toList();
        }
    }
}
