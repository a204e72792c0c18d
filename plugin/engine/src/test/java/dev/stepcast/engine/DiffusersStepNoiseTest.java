package dev.stepcast.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepcast.engine.scheduler.Scheduler;
import dev.stepcast.engine.scheduler.SchedulerConfig;
import dev.stepcast.engine.scheduler.Schedulers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * diffusers-exact mode ({@link CompatOptions#DIFFUSERS}, numpy seeds): the initial latents come from numpy, the Euler a
 * and LCM step noise from torch's CPU generator seeded with the same seed, as diffusers' ONNX pipeline draws it
 * ({@code scheduler.step} gets no generator, so {@code randn_tensor} calls {@code torch.randn(latents.shape)} on
 * torch's global generator). The torch draws are pinned by hash to torch 1.13.1's own
 * {@code torch.manual_seed(seed); torch.randn(shape)} (the {@code global_cases} of {@code torch-cpu-randn.json}).
 */
class DiffusersStepNoiseTest {

    private static final int LATENTS = 4 * 8 * 8;

    @Test
    void should_draw_diffusers_step_noise_as_torch_manual_seed_then_randn_while_latents_stay_numpy() throws Exception {
        JsonNode seed42 = globalCase(42);
        GaussianNoise noise = new GaussianNoise(CompatOptions.DIFFUSERS.rng(), 42);
        int n = 4 * 64 * 64;

        assertThat(noise.next(n)).containsExactly(NoiseSource.NUMPY.stream(42).next(n));
        List<String> hashes = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            hashes.add(TorchCpuNormalTest.sha256(noise.stepNoise(n)));
        }
        List<String> torch = new ArrayList<>();
        seed42.get("draws").forEach(d -> torch.add(d.get("sha256").asText()));
        assertThat(hashes).containsExactlyElementsOf(torch);
        assertThat(NoiseSource.NUMPY.stepNoiseSource()).isEqualTo(NoiseSource.TORCH_CPU);
    }

    @Test
    void should_give_euler_a_in_diffusers_mode_the_step_noise_of_torchs_generator() throws Exception {
        JsonNode seed3 = globalCase(3);
        GaussianNoise diffusers = new GaussianNoise(NoiseSource.NUMPY, 3);
        diffusers.next(LATENTS); // the initial latents, numpy's
        List<float[]> steps = runSteps(SchedulerKind.EULER_ANCESTRAL, 3, diffusers);
        // the same run fed by torch-cpu seed 3 alone (whose draws TorchCpuNormalTest pins to torch) is identical
        List<float[]> torch = runSteps(SchedulerKind.EULER_ANCESTRAL, 3, new GaussianNoise(NoiseSource.TORCH_CPU, 3));

        for (int k = 0; k < 3; k++) {
            assertThat(steps.get(k)).as("step %d", k).containsExactly(torch.get(k));
        }
        // (the noise matters: another source's step noise gives another first step)
        assertThat(steps.get(0)).isNotEqualTo(runSteps(SchedulerKind.EULER_ANCESTRAL, 3,
                new GaussianNoise(NoiseSource.STEPCAST, 3)).get(0));
        // three draws were taken, one per step, the last included: the next one is torch's fourth
        assertThat(diffusers.stepNoise(LATENTS)).containsExactly(nthDraw(3, 3));
        // and torch's own first three draws are what the steps took
        GaussianNoise replay = new GaussianNoise(NoiseSource.NUMPY, 3);
        for (JsonNode d : seed3.get("draws")) {
            assertThat(TorchCpuNormalTest.sha256(replay.stepNoise(LATENTS))).isEqualTo(d.get("sha256").asText());
        }
    }

    @Test
    void should_give_lcm_in_diffusers_mode_torchs_step_noise_after_every_step_but_the_last() {
        GaussianNoise diffusers = new GaussianNoise(NoiseSource.NUMPY, 3);
        float[] latents = diffusers.next(LATENTS);
        List<float[]> steps = runSteps(SchedulerKind.LCM, 4, diffusers);
        List<float[]> torch = runSteps(SchedulerKind.LCM, 4, new GaussianNoise(NoiseSource.TORCH_CPU, 3));

        for (int k = 0; k < 4; k++) {
            assertThat(steps.get(k)).as("step %d", k).containsExactly(torch.get(k));
        }
        assertThat(diffusers.stepNoise(LATENTS)).containsExactly(nthDraw(3, 3));
        assertThat(diffusers.next(LATENTS)).containsExactly(numpyDraw(3, 1, latents.length));
    }

    @Test
    void should_keep_one_stream_for_latents_and_step_noise_for_the_other_sources() {
        for (NoiseSource source : new NoiseSource[] {NoiseSource.A1111_NV, NoiseSource.TORCH_CPU,
            NoiseSource.STEPCAST}) {
            GaussianNoise noise = new GaussianNoise(source, 11);
            NormalStream one = source.stream(11);
            assertThat(noise.next(LATENTS)).as("%s latents", source).containsExactly(one.next(LATENTS));
            assertThat(noise.stepNoise(LATENTS)).as("%s step noise", source).containsExactly(one.next(LATENTS));
            assertThat(source.stepNoiseSource()).isEqualTo(source);
        }
    }

    /** Steps a scheduler from zero latents with a fixed model output, returning each step's sample. */
    private static List<float[]> runSteps(SchedulerKind kind, int count, GaussianNoise noise) {
        Scheduler s = Schedulers.create(kind, SchedulerConfig.sd15());
        s.setTimesteps(count);
        float[] sample = new float[LATENTS];
        float[] modelOutput = new float[LATENTS];
        for (int i = 0; i < LATENTS; i++) {
            modelOutput[i] = (i % 7 - 3) * 0.1f;
        }
        List<float[]> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            sample = s.step(modelOutput, k, sample, noise).prevSample();
            out.add(sample);
        }
        return out;
    }

    private static float[] nthDraw(long seed, int index) {
        return draw(NoiseSource.TORCH_CPU, seed, index, LATENTS);
    }

    private static float[] numpyDraw(long seed, int index, int n) {
        return draw(NoiseSource.NUMPY, seed, index, n);
    }

    /** Draw number {@code index} (from 0) of {@code n} values from {@code source} seeded with {@code seed}. */
    private static float[] draw(NoiseSource source, long seed, int index, int n) {
        NormalStream stream = source.stream(seed);
        for (int k = 0; k < index; k++) {
            stream.next(n);
        }
        return stream.next(n);
    }

    private static JsonNode globalCase(long seed) throws Exception {
        for (JsonNode c : TorchCpuNormalTest.reference().get("global_cases")) {
            if (c.get("seed").asLong() == seed) {
                return c;
            }
        }
        throw new AssertionError("no global case for seed " + seed);
    }
}
