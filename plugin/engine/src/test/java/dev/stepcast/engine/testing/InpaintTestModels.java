package dev.stepcast.engine.testing;

import dev.stepcast.engine.onnx.GraphBuilder;
import dev.stepcast.engine.synthetic.SyntheticOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test fixture (exported in the engine's test-jar): a synthetic model folder whose UNet is a dedicated inpainting
 * UNet (9 input channels), either with a fixed channel axis or, as diffusers' convert script exports it, a dynamic one
 * with {@code unet/config.json} saying {@code in_channels: 9}.
 *
 * <p><b>Threads:</b> stateless.
 */
public final class InpaintTestModels {

    private InpaintTestModels() {
    }

    /** Writes the synthetic model (real CLIP tokenizer) with a 9-channel UNet into {@code dir/model}. */
    public static Path write(Path dir, boolean fixedChannels) {
        Path folder = TestModels.writeWithClip(dir, SyntheticOptions.defaults());
        try {
            nineChannelUnet(fixedChannels).save(folder.resolve("unet/model.onnx"));
            if (!fixedChannels) {
                Files.writeString(folder.resolve("unet/config.json"), "{\"in_channels\": 9, \"out_channels\": 4}");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    /**
     * A 9-channel UNet: {@code eps = 0.5·latents + 0.8·mask − 0.6·masked_latents + 0.1·mean(text)}, so both extra
     * inputs change its prediction.
     */
    public static GraphBuilder nineChannelUnet(boolean fixedChannels) {
        GraphBuilder g = new GraphBuilder("unet");
        g.input("sample", GraphBuilder.FLOAT, "batch", fixedChannels ? (Object) 9 : "channels", "height", "width");
        g.input("timestep", GraphBuilder.FLOAT, 1);
        g.input("encoder_hidden_states", GraphBuilder.FLOAT, "batch", "sequence", 32);
        g.initializer("split", new long[] {4, 1, 4}, 3);
        g.initializer("a", new float[] {0.5f});
        g.initializer("m", new float[] {0.8f});
        g.initializer("k", new float[] {-0.6f});
        g.initializer("t", new float[] {0.1f});
        g.initializer("axis3", new long[] {3}, 1);
        g.node("Split", new String[] {"sample", "split"}, new String[] {"lat", "msk", "mlat"}, "axis", 1L);
        g.op("Mul", "alat", new String[] {"lat", "a"});
        g.op("Mul", "mmsk", new String[] {"msk", "m"});
        g.op("Mul", "kml", new String[] {"mlat", "k"});
        g.op("ReduceMean", "hm", new String[] {"encoder_hidden_states"}, "axes", new long[] {1, 2}, "keepdims", 1);
        g.op("Unsqueeze", "hm4", new String[] {"hm", "axis3"});
        g.op("Mul", "th", new String[] {"hm4", "t"});
        g.op("Add", "s1", new String[] {"alat", "mmsk"});
        g.op("Add", "s2", new String[] {"s1", "kml"});
        g.op("Add", "out_sample", new String[] {"s2", "th"});
        g.output("out_sample", GraphBuilder.FLOAT, "batch", 4, "height", "width");
        return g;
    }

}
