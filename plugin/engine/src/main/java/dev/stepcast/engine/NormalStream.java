package dev.stepcast.engine;

/**
 * A seeded stream of standard normal float32 values. Each {@link #next} call is one tensor draw of the reference
 * tool (one {@code randn(shape)} call), which matters: the Philox source advances its counter once per draw and
 * torch's CPU source chooses its algorithm by the draw's size, so two draws of n differ from one draw of 2n.
 *
 * <p><b>Threads:</b> implementations are not thread-safe; one generation uses one stream on its own thread.
 */
public interface NormalStream {

    /** The next draw: {@code count} standard normal values, row-major, as the reference tool returns them. */
    float[] next(int count);
}
