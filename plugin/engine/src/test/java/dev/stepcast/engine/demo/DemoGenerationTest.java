package dev.stepcast.engine.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.engine.CancellationToken;
import dev.stepcast.engine.ExecutionProvider;
import dev.stepcast.engine.GenerationRequest;
import dev.stepcast.engine.GenerationResult;
import dev.stepcast.engine.ModelFamily;
import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.engine.SchedulerKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real generations through the engine's normal loader and pipeline ({@link StableDiffusionModel}) on the written
 * demo folder: named families, novelty, colour statistics, every scheduler, other sizes.
 */
class DemoGenerationTest {

    private static final String[] PROMPTS = {"sunset over the sea", "mountains by day",
        "night sky with moon and stars", "snowy hills", "desert dunes", "forest", "snowy hills at night"};

    private static StableDiffusionModel model;
    private static List<FamilyPrior> priors;
    /**
     * Per family, 1.5 × the roughness of its roughest training render: the bar for "clean" at sizes where the
     * native-size model does not apply. Leftover noise of standard deviation σ adds 2σ² (forest: the bar is 0.047,
     * so noise above σ ≈ 0.1 fails).
     */
    private static final double[] CLEAN_ROUGHNESS = new double[SceneFamily.values().length];

    @BeforeAll
    static void load() throws Exception {
        model = StableDiffusionModel.load(DemoTestModel.folder(), ExecutionProvider.CPU);
        priors = DemoModelWriter.fitPriors(p -> { }, 0, 1);
        for (SceneFamily f : SceneFamily.all()) {
            for (float[] l : DemoModelWriter.trainingLatents(f)) {
                CLEAN_ROUGHNESS[f.ordinal()] = Math.max(CLEAN_ROUGHNESS[f.ordinal()],
                        1.5 * LatentStats.roughness(l, 64, 64));
            }
        }
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void should_take_every_multiple_of_8_as_its_unet_does_not_down_sample() {
        assertThat(model.unet().latentMultiple()).isEqualTo(1);
        assertThat(model.sizeProblem(72, 72)).isEmpty();
        assertThat(model.sizeProblem(8, 8)).isEmpty();
    }

    @Test
    void should_load_through_the_normal_loader_as_the_demo_family() {
        assertThat(model.info().family()).isEqualTo(ModelFamily.DEMO);
        assertThat(model.info().latentChannels()).isEqualTo(4);
        assertThat(model.info().vaeScalingFactor()).isEqualTo(LatentCodec.SCALING_FACTOR);
        assertThat(model.info().defaultScheduler()).isEqualTo(SchedulerKind.EULER);
        assertThat(model.info().latentRgbMap()).isPresent();
    }

    /**
     * Novelty threshold: a copy of a training render would lie within the isotropic noise of the prior
     * (√(D·s²) ≤ √(16384·0.001) ≈ 4) of it; we ask for at least half the median distance between a training render
     * and its nearest other training render, i.e. at least as new as half of what separates two distinct renders.
     */
    @Test
    void should_draw_different_novel_pictures_of_the_named_family_for_different_seeds() throws Exception {
        for (int f = 0; f < PROMPTS.length; f++) {
            SceneFamily family = SceneFamily.values()[f];
            float[][] training = DemoModelWriter.trainingLatents(family);
            double[] nn = new double[training.length];
            for (int i = 0; i < training.length; i++) {
                nn[i] = Double.MAX_VALUE;
                for (int j = 0; j < training.length; j++) {
                    if (i != j) {
                        nn[i] = Math.min(nn[i], LatentStats.distance(training[i], training[j]));
                    }
                }
            }
            Arrays.sort(nn);
            double threshold = 0.5 * nn[nn.length / 2];
            List<float[]> drawn = new ArrayList<>();
            for (long seed : new long[] {11, 12}) {
                float[] x = generate(PROMPTS[f], seed, 512, 512, null).latents().toArray();
                assertThat(LatentStats.nearestFamilyMean(x, priors)).as(PROMPTS[f]).isEqualTo(family);
                double nearest = Double.MAX_VALUE;
                for (float[] t : training) {
                    nearest = Math.min(nearest, LatentStats.distance(x, t));
                }
                assertThat(nearest).as("%s seed %d: nearest training render", PROMPTS[f], seed)
                        .isGreaterThan(threshold);
                drawn.add(x);
            }
            assertThat(LatentStats.distance(drawn.get(0), drawn.get(1))).as("%s: two seeds apart", PROMPTS[f])
                    .isGreaterThan(threshold);
        }
    }

    @Test
    void should_make_night_sky_darker_and_cooler_than_desert_at_sunset_as_the_families_are() throws Exception {
        float[] night = generate("night sky", 5, 512, 512, null).latents().toArray();
        float[] desert = generate("desert at sunset", 5, 512, 512, null).latents().toArray();
        float[] nightMean = priors.get(SceneFamily.NIGHT_SKY.ordinal()).mean();
        float[] desertMean = priors.get(SceneFamily.DESERT_DUNES.ordinal()).mean();
        for (int channel : new int[] {0, 1}) { // luma, warm–cool
            double families = LatentStats.channelMean(desertMean, channel) - LatentStats.channelMean(nightMean, channel);
            double drawn = LatentStats.channelMean(desert, channel) - LatentStats.channelMean(night, channel);
            assertThat(families).as("families differ in channel %d", channel).isGreaterThan(0.5);
            assertThat(drawn).as("drawn pictures differ in channel %d like the families", channel)
                    .isGreaterThan(0.5 * families);
        }
    }

    /** Words of time and light steer the mix like the other keywords (issue 16: "snowy hills at night" was by day). */
    @Test
    void should_let_time_of_day_and_light_words_choose_the_family() throws Exception {
        assertThat(LatentStats.nearestFamilyMean(generate("snowy hills at night", 2, 512, 512, null).latents()
                .toArray(), priors)).isEqualTo(SceneFamily.SNOWY_NIGHT);
        assertThat(LatentStats.nearestFamilyMean(generate("snowy hills", 2, 512, 512, null).latents().toArray(),
                priors)).isEqualTo(SceneFamily.SNOWY_HILLS);
        assertThat(LatentStats.nearestFamilyMean(generate("at dawn", 2, 512, 512, null).latents().toArray(),
                priors)).isEqualTo(SceneFamily.SUNSET_SEA);
        assertThat(LatentStats.nearestFamilyMean(generate("in the fog", 2, 512, 512, null).latents().toArray(),
                priors)).isEqualTo(SceneFamily.FOREST);
        float[] night = generate("snowy hills at night", 3, 512, 512, null).latents().toArray();
        float[] day = generate("snowy hills", 3, 512, 512, null).latents().toArray();
        assertThat(LatentStats.channelMean(day, 0) - LatentStats.channelMean(night, 0)).as("luma: day minus night")
                .isGreaterThan(0.5);
    }

    /**
     * Clean = no leftover noise: the variance per dimension outside the family's model (mean + principal span) is
     * below 0.01, i.e. less than noise of standard deviation 0.1 (about 2 % of the latent range) would leave; an
     * exact sample has at most the isotropic variance 0.001 there. (Saturation along the family's own directions,
     * which classifier-free guidance causes with some samplers, is not noise and is allowed.)
     */
    @ParameterizedTest
    @EnumSource(SchedulerKind.class)
    void should_produce_a_clean_picture_of_the_named_family_with_every_scheduler(SchedulerKind kind) throws Exception {
        int steps = kind == SchedulerKind.LCM ? 8 : 20;
        GenerationResult result = generate("snowy hills", 3, 512, 512, kind, steps);
        float[] x = result.latents().toArray();
        assertThat(LatentStats.nearestFamilyMean(x, priors)).isEqualTo(SceneFamily.SNOWY_HILLS);
        assertThat(LatentStats.offModelVariance(x, priors.get(SceneFamily.SNOWY_HILLS.ordinal())))
                .as("variance off the family model with %s", kind).isLessThan(0.01);
        assertThat(result.image().getWidth()).isEqualTo(512);
    }

    @Test
    void should_draw_clean_pictures_at_other_sizes_by_resampling_the_prior() throws Exception {
        int[][] sizes = {{768, 512}, {256, 384}, {640, 640}};
        for (int[] size : sizes) {
            GenerationResult result = generate("forest", 9, size[0], size[1], null);
            float[] x = result.latents().toArray();
            assertThat(result.image().getWidth()).isEqualTo(size[0]);
            assertThat(result.image().getHeight()).isEqualTo(size[1]);
            for (float v : x) {
                assertThat(Float.isFinite(v)).as("Float.isFinite(v)").isEqualTo(true);
            }
            assertThat(LatentStats.roughness(x, size[1] / 8, size[0] / 8)).as("roughness at %dx%d", size[0], size[1])
                    .isLessThan(CLEAN_ROUGHNESS[SceneFamily.FOREST.ordinal()]
                            * Math.max(1, 64.0 * 64 / (size[0] / 8 * size[1] / 8)));
        }
    }

    private static GenerationResult generate(String prompt, long seed, int width, int height, SchedulerKind kind)
            throws Exception {
        return generate(prompt, seed, width, height, kind, 20);
    }

    private static GenerationResult generate(String prompt, long seed, int width, int height, SchedulerKind kind,
                                             int steps) throws Exception {
        GenerationRequest request = GenerationRequest.txt2img(prompt, "", width, height, steps, 7.5f, seed);
        if (kind != null) {
            request = request.withScheduler(kind);
        }
        return model.generate(request, e -> { }, new CancellationToken());
    }
}
