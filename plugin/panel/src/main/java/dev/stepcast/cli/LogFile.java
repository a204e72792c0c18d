package dev.stepcast.cli;

import dev.stepcast.engine.CacheFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Sends the details of a command-line run (stack traces included) to a log file instead of the terminal, where the
 * user sees one clear line per problem. The file is {@code <cache>/stepcast/logs/stepcast0.log} ({@link CacheFolder}),
 * rotated over 3 × 5 MB.
 * If the file cannot be opened, warnings still reach the console, without stack traces.
 *
 * <p><b>Threads:</b> call {@link #install()} once, from {@code main}, before other threads log.
 */
final class LogFile {

    private LogFile() {
    }

    /** Routes java.util.logging to the log file; returns its path, or empty if it could not be opened. */
    static Optional<Path> install() {
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler h : root.getHandlers()) {
            if (h instanceof ConsoleHandler) {
                root.removeHandler(h);
            }
        }
        Path folder = CacheFolder.stepcast().resolve("logs");
        try {
            Files.createDirectories(folder);
            FileHandler handler = new FileHandler(folder.resolve("stepcast%g.log").toString(), 5_000_000, 3, true);
            handler.setFormatter(new SimpleFormatter());
            handler.setLevel(Level.ALL);
            root.addHandler(handler);
            return Optional.of(folder.resolve("stepcast0.log"));
        } catch (IOException | RuntimeException e) {
            ConsoleHandler console = new ConsoleHandler();
            console.setLevel(Level.WARNING);
            console.setFormatter(new SimpleFormatter() {
                @Override
                public String format(java.util.logging.LogRecord record) {
                    return "stepcast: " + formatMessage(record) + System.lineSeparator();
                }
            });
            root.addHandler(console);
            return Optional.empty();
        }
    }
}
