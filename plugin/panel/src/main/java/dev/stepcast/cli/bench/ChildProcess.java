package dev.stepcast.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A fresh JVM running one of this jar's main classes, the way a user starts Stepcast: same Java, same class path,
 * given JVM options. Used by {@code bench cold} and {@code bench memory}, which must measure whole processes.
 *
 * @param wallNanos from {@code start()} to exit, in nanoseconds
 * @param stdout    what the process printed
 *
 * <p><b>Threads:</b> the bench thread.
 */
record ChildProcess(long wallNanos, String stdout) {

    /** Runs {@code mainClass args} in a new JVM with {@code jvmOptions}; a non-zero exit is an {@link IOException}. */
    static ChildProcess run(List<String> jvmOptions, String mainClass, List<String> args, Path workDir)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        Path err = Files.createTempFile(workDir, "child", ".err");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectError(err.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = process.waitFor();
        long wall = System.nanoTime() - start;
        if (code != 0) {
            String first = Files.readAllLines(err).stream().filter(l -> !l.isBlank()).findFirst().orElse("");
            throw new IOException(mainClass + " exited with " + code + ": " + first);
        }
        Files.deleteIfExists(err);
        return new ChildProcess(wall, out);
    }
}
