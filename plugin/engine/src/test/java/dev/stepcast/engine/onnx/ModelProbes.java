package dev.stepcast.engine.onnx;

import dev.stepcast.engine.text.ClipTokenizer;

/** Test access to a loaded model's counters, which the public API does not offer. */
public final class ModelProbes {

    private ModelProbes() {
    }

    /** UNet session runs since {@code model} was loaded (guidance batching and cancel tests count them). */
    public static long unetRunCount(StableDiffusionModel model) {
        return model.unetRunCount();
    }

    /** The second (SDXL) tokenizer of {@code model}, or {@code null} for a one-encoder model. */
    public static ClipTokenizer secondTokenizer(StableDiffusionModel model) {
        return model.tokenizer2();
    }

    /** Makes every later decode of {@code model} run {@code hook} inside the decode, before the VAE session runs. */
    public static void onDecode(StableDiffusionModel model, Runnable hook) {
        model.decodeHook = hook;
    }

    /**
     * Makes {@code hook} hear the number of each later UNet call of {@code model} (1-based since load), on the
     * generation thread, with the call's RunOptions already in place: a cancel from the hook lands inside that call.
     */
    public static void onUnetCall(StableDiffusionModel model, java.util.function.LongConsumer hook) {
        model.unet().callHook = hook;
    }
}
