package dev.stepcast.cli;

/**
 * A bad command-line argument found after parsing (a missing file, a size not a multiple of 8…): printed as one
 * line, exit code 2, no stack trace.
 */
final class UsageError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsageError(String message) {
        super(message);
    }
}
