package dev.stepcast.engine.onnx;

/** Test access to a loaded model's counters, which the public API does not offer. */
public final class ModelProbes {

    private ModelProbes() {
    }

    /** UNet session runs since {@code model} was loaded (guidance batching and cancel tests count them). */
    public static long unetRunCount(StableDiffusionModel model) {
        return model.unetRunCount();
    }
}
