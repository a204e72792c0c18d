package dev.stepcast.cli.bench;

import dev.stepcast.engine.synthetic.SyntheticModelWriter;
import dev.stepcast.engine.synthetic.SyntheticOptions;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The bench's synthetic model set, written with the engine's {@link SyntheticModelWriter}: SD-shaped graphs (fp32,
 * dynamic batch so guidance runs the UNet once on a batch of 2) with a TAESD-format tiny decoder, and extra 3×3
 * convolution layers of {@code width} channels as cost knobs. UNet layers run at latent resolution (64×64 for
 * 512×512), decoder layers at image resolution (64× the cells), which is where real decoders spend their time too.
 *
 * <p>Default knobs, calibrated by measuring on a 2-core CPU (AMD EPYC, no GPU) at 512×512 with the machine otherwise
 * quiet (the bench reports the ratios it actually got, every run): UNet {@value #DEFAULT_UNET_COST} layers (≈ 7 GMAC
 * per guided step, ≈ 170 ms), tiny decoder {@value #DEFAULT_TINY_COST} extra layers (its fixed part — upsampling to
 * 512×512 and converting the output — is already ≈ 23 ms, 0.13× a step), full VAE {@value #DEFAULT_VAE_COST} layers
 * (≈ 240 ms, 1.4× a step), width {@value #DEFAULT_WIDTH}. Aim: tiny ≈ 1/10 and full VAE ≈ 1.5× one UNet step (both
 * CFG halves), roughly TAESD's and the SD VAE's cost relative to an SD1.5 UNet step. On a loaded machine the measured
 * ratios drift (full-resolution layers suffer more from memory contention).
 *
 * @param unetCost extra conv layers in the UNet
 * @param tinyCost extra conv layers in the tiny decoder
 * @param vaeCost  extra conv layers in the full VAE decoder
 * @param width    channels of the extra layers
 *
 * <p><b>Threads:</b> immutable.
 */
record BenchModel(int unetCost, int tinyCost, int vaeCost, int width) {

    static final int DEFAULT_UNET_COST = 600;
    static final int DEFAULT_TINY_COST = 0;
    static final int DEFAULT_VAE_COST = 23;
    static final int DEFAULT_WIDTH = 16;

    /** Writes the model folder into {@code folder}. */
    Path write(Path folder) throws IOException {
        SyntheticOptions options = SyntheticOptions.defaults()
                .withTinyDecoder(true)
                .withCost(0, unetCost, vaeCost, tinyCost, width);
        return SyntheticModelWriter.write(folder, options);
    }
}
