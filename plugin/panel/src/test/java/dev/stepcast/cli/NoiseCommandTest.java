package dev.stepcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.engine.FloatTensor;
import dev.stepcast.engine.NoiseSource;
import dev.stepcast.engine.NormalStream;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoiseCommandTest {

    @TempDir
    Path temp;

    @Test
    void writes_k_successive_draws_of_one_generator_as_float32_k_by_shape() throws Exception {
        Path out = temp.resolve("nv.npy");
        CliRun run = CliRun.of("noise", "--rng", "a1111-nv", "--seed", "42", "--shape", "1,4,8,8", "--draws", "2",
                "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        FloatTensor written = Npy.read(out);
        assertThat(written.shape()).containsExactly(2, 1, 4, 8, 8);
        float[] all = written.toArray();
        NormalStream expected = NoiseSource.A1111_NV.stream(42);
        assertThat(Arrays.copyOfRange(all, 0, 256)).containsExactly(expected.next(256));
        assertThat(Arrays.copyOfRange(all, 256, 512)).containsExactly(expected.next(256));
        assertThat(all[0]).as("rng_philox seed 42, offset 0, element 0").isEqualTo(0.1940188705921173f);
        assertThat(all[256]).as("offset 1, element 0").isEqualTo(0.13913749158382416f);
    }

    @Test
    void numpy_noise_is_random_state_randn_as_float32() throws Exception {
        Path out = temp.resolve("np.npy");
        CliRun run = CliRun.of("noise", "--rng", "numpy", "--seed", "0", "--shape", "3", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Npy.read(out).toArray()).containsExactly((float) 1.764052345967664, (float) 0.4001572083672233,
                (float) 0.9787379841057392);
    }

    @Test
    void torch_cpu_noise_of_five_takes_the_small_tensor_path() throws Exception {
        Path out = temp.resolve("t.npy");
        CliRun run = CliRun.of("noise", "--rng", "torch-cpu", "--seed", "0", "--shape", "5", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        float[] got = Npy.read(out).toArray();
        assertThat(got[0]).isCloseTo(1.5410f, org.assertj.core.api.Assertions.within(5e-5f));
        assertThat(got[4]).isCloseTo(-1.0845f, org.assertj.core.api.Assertions.within(5e-5f));
    }

    @Test
    void unknown_generator_and_out_of_range_numpy_seed_are_usage_errors() {
        CliRun bad = CliRun.of("noise", "--rng", "dice", "--seed", "1", "--out", temp.resolve("x.npy").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().lines()).singleElement().asString().contains("dice").contains("a1111-nv");
        CliRun big = CliRun.of("noise", "--rng", "numpy", "--seed", "4294967296", "--out",
                temp.resolve("y.npy").toString());
        assertThat(big.exitCode()).isEqualTo(2);
        assertThat(big.err().lines()).singleElement().asString().contains("4294967296");
        CliRun shape = CliRun.of("noise", "--seed", "1", "--shape", "1,x", "--out", temp.resolve("z.npy").toString());
        assertThat(shape.exitCode()).isEqualTo(2);
        assertThat(shape.err()).contains("'x'");
    }
}
