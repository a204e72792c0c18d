package dev.stepcast.cli;

import dev.stepcast.app.StandaloneLauncher;
import dev.stepcast.engine.onnx.EngineWarmup;
import dev.stepcast.engine.onnx.NativeLibraryCache;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code stepcast}: the jar's Main-Class. Without a subcommand it opens the standalone window; {@code generate},
 * {@code tokenize} and {@code bench} run headless. Bad arguments print one line and exit with code 2; failures
 * while running print one line and exit with code 1; never a stack trace (details go to the log).
 *
 * <p><b>Threads:</b> {@link #main} runs the command on the main thread; picocli's command model is built on a
 * second thread ("stepcast-cli") and handed over through a {@link FutureTask}.
 */
@Command(name = "stepcast", mixinStandardHelpOptions = true, versionProvider = StepcastCommand.Version.class,
        description = "Stable Diffusion on ONNX Runtime: standalone window (no subcommand) and headless tools.")
public final class StepcastCommand implements Runnable {

    /** Exit code for a bad argument. */
    public static final int USAGE = 2;
    /** Exit code for a failure while running (a broken model, an I/O error). */
    public static final int FAILURE = 1;

    /** Looked up when first used: the JDK's first System.getLogger finds its backend (~20 ms cold), off the start. */
    private static System.Logger log() {
        return System.getLogger(StepcastCommand.class.getName());
    }
    /** The subcommands, in the order usage help lists them. */
    private static final List<String> SUBCOMMANDS = List.of("generate", "tokenize", "noise", "bench");

    /** A new instance of subcommand {@code name} (a switch: no class of another subcommand loads at start). */
    private static Object subcommand(String name) {
        return switch (name) {
            case "generate" -> new GenerateCommand();
            case "tokenize" -> new TokenizeCommand();
            case "noise" -> new NoiseCommand();
            case "bench" -> new BenchCommand();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Where {@link #main} sends the details (stack traces); empty when run in-process (tests) or unavailable. */
    private static java.util.Optional<java.nio.file.Path> logFile = java.util.Optional.empty();

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        // picocli's first CommandLine costs ~0.1 s of class loading and reflection in a fresh JVM: it is built on its
        // own thread while this one sets up logging and starts the warm-up and the model prefetch
        FutureTask<Prepared> commandLine = new FutureTask<>(() -> commandLine(args, out, err));
        Thread builder = new Thread(commandLine, "stepcast-cli");
        builder.setDaemon(true);
        builder.start();
        logFile = LogFile.install(); // before the threads below log: nothing of theirs may reach stderr
        NativeLibraryCache.enable(); // ONNX Runtime's libraries from the user cache, not unpacked again each start
        EngineWarmup.startInBackground(commandLine); // ONNX Runtime now; the rest once picocli is done
        ModelPrefetch.start(args); // generate's model loads while picocli builds its command model
        int code;
        try {
            code = commandLine.get().execute();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = FAILURE;
        } catch (ExecutionException e) {
            code = failed(e.getCause(), err);
        } finally {
            ModelPrefetch.discard();
        }
        if (args.length > 0 || code != 0) {
            System.exit(code);
        }
    }

    /** Runs the command line {@code args} with the given streams; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return commandLine(args, out, err).execute();
    }

    /** A command line ready to run: picocli's model and the arguments it takes. */
    private record Prepared(CommandLine cli, String[] args) {
        int execute() {
            return cli.execute(args);
        }
    }

    /**
     * The command line for {@code args}: picocli builds each command's model by reflection (≈ 0.1 s for its first in
     * a cold JVM), so a named subcommand is built alone, as the root of its own command line named
     * "stepcast NAME" (the top-level command's model added ~12 % to it), and the whole tree only when no subcommand
     * is named (usage, help, version, the standalone window).
     */
    private static Prepared commandLine(String[] args, PrintWriter out, PrintWriter err) {
        String first = args.length > 0 ? args[0] : "";
        CommandLine cli;
        String[] rest;
        if (SUBCOMMANDS.contains(first)) {
            cli = new CommandLine(subcommand(first));
            cli.setCommandName("stepcast " + first);
            rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        } else {
            cli = new CommandLine(new StepcastCommand());
            for (String name : SUBCOMMANDS) {
                cli.addSubcommand(name, subcommand(name));
            }
            rest = args;
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("stepcast: " + e.getMessage()
                    + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof UsageError) {
                err.println("stepcast: " + e.getMessage());
                return USAGE;
            }
            return failed(e, err);
        });
        return new Prepared(cli, rest);
    }

    /** One line for the user naming the log file; the stack trace goes to the log. */
    private static int failed(Throwable e, PrintWriter err) {
        log().log(System.Logger.Level.ERROR, "command failed", e);
        err.println("stepcast: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                + logFile.map(f -> " (details in " + f + ")").orElse(""));
        return FAILURE;
    }

    @Override
    public void run() {
        StandaloneLauncher.open();
    }

    /** The jar's Implementation-Version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = StepcastCommand.class.getPackage().getImplementationVersion();
            return new String[] {"stepcast " + (v == null ? "(development build)" : v)};
        }
    }
}
