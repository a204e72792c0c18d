package dev.stepcast.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The seeded generators against published first values (A1111's {@code rng_philox.py} docstring, torch's and
 * numpy's widely printed {@code manual_seed}/{@code RandomState} outputs) and against longer float32 vectors:
 * numpy's from numpy 2.4 itself ({@code RandomState(s).randn(n).astype(np.float32)}), Philox's from a throwaway numpy
 * transcription of {@code rng_philox.py}, torch's from torch 1.13.1 itself (more in {@link TorchCpuNormalTest}).
 */
class NoiseSourceTest {

    @Test
    void should_match_the_rng_philox_docstring_for_seed_0_shape_3x4() {
        float[] published = {-0.92466259f, -0.42534415f, -2.6438457f, 0.14518388f, -0.12086647f, -0.57972564f,
            -0.62285122f, -0.32838709f, -1.07454231f, -0.36314407f, -1.67105067f, 2.26550497f};
        float[] got = NoiseSource.A1111_NV.stream(0).next(12);
        // The docstring shows CUDA's own values; rng_philox.py itself agrees with them to a few float ulps.
        for (int i = 0; i < 12; i++) {
            assertThat(got[i]).as("value %d", i).isCloseTo(published[i], within(1e-6f));
        }
        assertThat(got).containsExactly(-0.9246624112129211f, -0.42534396052360535f, -2.643845796585083f,
                0.14518387615680695f, -0.12086650729179382f, -0.5797256827354431f, -0.6228513121604919f,
                -0.32838714122772217f, -1.0745420455932617f, -0.3631440997123718f, -1.6710504293441772f,
                2.265505075454712f);
    }

    @Test
    void should_advance_the_philox_offset_once_per_draw() {
        NormalStream nv = NoiseSource.A1111_NV.stream(42);
        float[] first = nv.next(256);
        float[] second = nv.next(256);
        assertThat(Arrays.copyOfRange(first, 0, 8)).containsExactly(0.1940188705921173f, 2.1613738536834717f,
                -0.17205095291137695f, 0.8490599989891052f, -1.9243992567062378f, 0.6529852747917175f,
                -0.6494410634040833f, -0.8175245523452759f);
        assertThat(Arrays.copyOfRange(first, 248, 256)).containsExactly(-0.10826266556978226f,
                -0.7452484965324402f, -0.34790194034576416f, 0.09393668919801712f, 0.06462125480175018f,
                -0.92259281873703f, 0.7892792224884033f, -1.800972580909729f);
        assertThat(Arrays.copyOfRange(second, 0, 8)).containsExactly(0.13913749158382416f, -0.10821615904569626f,
                -0.7174221873283386f, 0.7566486597061157f, 0.3714882433414459f, -1.0049413442611694f,
                0.008294666185975075f, 0.3276578485965729f);
        // a draw's first values do not depend on its size: element i depends on (seed, offset, i) only
        assertThat(Arrays.copyOf(NoiseSource.A1111_NV.stream(42).next(3), 3))
                .containsExactly(Arrays.copyOf(first, 3));
    }

    @Test
    void should_key_philox_with_both_halves_of_a_64_bit_seed() {
        assertThat(NoiseSource.A1111_NV.stream((1L << 32) + 5).next(4)).containsExactly(-2.842747449874878f,
                1.3404923677444458f, 0.272230863571167f, 1.4550628662109375f);
        assertThat(NoiseSource.A1111_NV.stream(4294967295L).next(4)).containsExactly(-0.03415844216942787f,
                0.3904449939727783f, 1.5272352695465088f, 0.1869903802871704f);
    }

    @Test
    void should_match_torch_manual_seed_0_randn_5_on_the_small_tensor_path() {
        float[] got = NoiseSource.TORCH_CPU.stream(0).next(5);
        float[] published = {1.5410f, -0.2934f, -2.1788f, 0.5684f, -1.0845f};
        for (int i = 0; i < 5; i++) {
            assertThat(got[i]).as("value %d", i).isCloseTo(published[i], within(5e-5f));
        }
        assertThat(NoiseSource.TORCH_CPU.stream(1).next(7)).containsExactly(0.6613521575927734f,
                0.266924113035202f, 0.06167725846171379f, 0.6213173270225525f, -0.4519059658050537f,
                -0.16613022983074188f, -1.522768497467041f);
    }

    @Test
    void should_match_torch_manual_seed_0_randn_4x4_on_the_blocks_of_16_path() {
        float[] got = NoiseSource.TORCH_CPU.stream(0).next(16);
        float[] published = {-1.1258f, -1.1524f, -0.2506f, -0.4339f, 0.8487f, 0.6920f, -0.3160f, -2.1152f,
            0.3223f, -1.2633f, 0.3500f, 0.3081f, 0.1198f, 1.2377f, 1.1168f, -0.2473f};
        for (int i = 0; i < 16; i++) {
            assertThat(got[i]).as("value %d", i).isCloseTo(published[i], within(5e-5f));
        }
    }

    @Test
    void should_redraw_the_last_16_values_of_a_torch_tensor_whose_size_is_not_a_multiple_of_16() {
        // torch 1.13.1's own values (AVX2 kernel), exact; TorchCpuNormalTest checks whole draws by hash
        float[] got = NoiseSource.TORCH_CPU.stream(42).next(100);
        assertThat(Arrays.copyOf(got, 8)).containsExactly(1.9269152879714966f, 1.4872840642929077f,
                0.9007171988487244f, -2.1055209636688232f, 0.6784184575080872f, -1.2345448732376099f,
                -0.04306747764348984f, -1.6046669483184814f);
        assertThat(Arrays.copyOfRange(got, 80, 100)).containsExactly(0.01086814422160387f, -0.33874234557151794f,
                -1.3406795263290405f, -0.5853705406188965f, 0.640755295753479f, 0.5832474231719971f,
                1.0669267177581787f, -0.4501533806324005f, -0.6787529587745667f, 0.5743160843849182f,
                0.18774910271167755f, -0.35762301087379456f, 0.2649095058441162f, 1.2731683254241943f,
                -0.0013108636485412717f, -0.30360376834869385f, -0.9864386320114136f, 0.12329912185668945f,
                0.3498677611351013f, 0.6172807216644287f);
        float[] big = NoiseSource.TORCH_CPU.stream(7).next(256);
        assertThat(new float[] {big[0], big[15], big[16], big[255]}).containsExactly(-0.8201345205307007f,
                1.090165138244629f, -1.5826646089553833f, -0.3004315495491028f);
    }

    @Test
    void should_carry_torchs_cached_second_normal_into_the_next_small_draw() {
        NormalStream split = NoiseSource.TORCH_CPU.stream(3);
        float[] a = split.next(3);
        float[] b = split.next(3);
        float[] joined = NoiseSource.TORCH_CPU.stream(3).next(6);
        assertThat(new float[] {a[0], a[1], a[2], b[0], b[1], b[2]}).containsExactly(joined);
    }

    @Test
    void should_match_numpy_random_state_randn() {
        assertThat((double) NoiseSource.NUMPY.stream(0).next(1)[0]).isEqualTo((float) 1.764052345967664);
        float[] got = NoiseSource.NUMPY.stream(1234).next(256);
        assertThat(Arrays.copyOf(got, 8)).containsExactly(0.47143515944480896f, -1.1909756660461426f,
                1.4327069520950317f, -0.3126519024372101f, -0.720588743686676f, 0.8871629238128662f,
                0.8595883846282959f, -0.6365234851837158f);
        assertThat(Arrays.copyOfRange(got, 248, 256)).containsExactly(-0.8810470700263977f, 0.29507994651794434f,
                1.863801121711731f, -1.7122739553451538f, -1.407084584236145f, 0.1267811805009842f,
                0.0037598477210849524f, -1.2689942121505737f);
        assertThat(NoiseSource.NUMPY.stream(4294967295L).next(4)).containsExactly(0.6484086513519287f,
                0.6693235039710999f, -1.0805437564849854f, 0.2845010459423065f);
    }

    @Test
    void should_carry_numpys_cached_gauss_across_draws() {
        NormalStream split = NoiseSource.NUMPY.stream(1234);
        float[] a = split.next(3);
        float[] b = split.next(5);
        float[] joined = NoiseSource.NUMPY.stream(1234).next(8);
        float[] both = new float[8];
        System.arraycopy(a, 0, both, 0, 3);
        System.arraycopy(b, 0, both, 3, 5);
        assertThat(both).containsExactly(joined);
    }

    @Test
    void should_keep_stepcasts_original_generator_under_its_own_name() {
        java.util.Random r = new java.util.Random(42);
        float[] expected = new float[4];
        for (int i = 0; i < 4; i++) {
            expected[i] = (float) r.nextGaussian();
        }
        assertThat(NoiseSource.STEPCAST.stream(42).next(4)).containsExactly(expected);
    }

    @Test
    void should_read_a1111s_rng_values_and_our_names() {
        assertThat(NoiseSource.fromParameterValue("NV")).contains(NoiseSource.A1111_NV);
        assertThat(NoiseSource.fromParameterValue("GPU")).contains(NoiseSource.A1111_NV);
        assertThat(NoiseSource.fromParameterValue("CPU")).contains(NoiseSource.TORCH_CPU);
        assertThat(NoiseSource.fromParameterValue("numpy")).contains(NoiseSource.NUMPY);
        assertThat(NoiseSource.fromParameterValue("stepcast")).contains(NoiseSource.STEPCAST);
        assertThat(NoiseSource.fromParameterValue("dice")).isEmpty();
        assertThat(NoiseSource.A1111_NV.parameterValue()).isEqualTo("NV");
        assertThat(NoiseSource.TORCH_CPU.parameterValue()).isEqualTo("CPU");
        assertThat(NoiseSource.NUMPY.parameterValue()).isEqualTo("numpy");
        assertThat(NoiseSource.byId("Torch-CPU")).contains(NoiseSource.TORCH_CPU);
        assertThat(NoiseSource.DEFAULT).isEqualTo(NoiseSource.A1111_NV);
    }
}
