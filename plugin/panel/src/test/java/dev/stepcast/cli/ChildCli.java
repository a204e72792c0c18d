package dev.stepcast.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Tests: runs {@code stepcast ARGS} in a fresh JVM on this test's class path, with its output in files, and gives up
 * (killing it) after two minutes, so a hung child fails its test instead of hanging the build.
 *
 * <p><b>Threads:</b> the test thread.
 */
final class ChildCli {

    private static final long LIMIT_SECONDS = 120;

    /** What the child did: its exit code, standard output and standard error. */
    record Run(int exitCode, String out, String err) {
    }

    private ChildCli() {
    }

    /** Runs in {@code workDir} with {@code jvmOptions} before the class path; stdout and stderr go to files there. */
    static Run run(Path workDir, List<String> jvmOptions, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), StepcastCommand.class.getName()));
        command.addAll(args);
        Path out = Files.createTempFile(workDir, "child", ".out");
        Path err = Files.createTempFile(workDir, "child", ".err");
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("stepcast " + String.join(" ", args) + " did not end within " + LIMIT_SECONDS
                    + " s; stderr: " + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
