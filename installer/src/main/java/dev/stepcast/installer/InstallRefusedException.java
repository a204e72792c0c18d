package dev.stepcast.installer;

/**
 * The user asked for something the installer will not do (a plugins folder that does not exist or is not writable,
 * a jar that is not a Stepcast plugin). The message is for the user: it names the path and says what to do.
 * The command line exits with {@link #EXIT_CODE}.
 */
public final class InstallRefusedException extends Exception {

    /** Exit code of the command line for a refused request (same as picocli's usage errors). */
    public static final int EXIT_CODE = 2;

    private static final long serialVersionUID = 1L;

    public InstallRefusedException(String message) {
        super(message);
    }
}
