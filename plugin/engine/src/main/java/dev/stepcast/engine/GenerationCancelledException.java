package dev.stepcast.engine;

/** Thrown by a generation stopped through its {@link CancellationToken}: an outcome, not an error. */
public final class GenerationCancelledException extends Exception {

    private static final long serialVersionUID = 1L;

    public GenerationCancelledException() {
        super("cancelled");
    }
}
