package dev.stepcast.engine;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where a seed's standard normal noise comes from, so that "seed 42" means what it means in another tool.
 * Every source is a stream: the initial latents take its first draw, ancestral and LCM schedulers draw their
 * per-step noise after it, each draw one tensor as the reference tool draws it ({@link NormalStream#next}).
 *
 * <ul>
 *   <li>{@link #A1111_NV}: A1111's "NV" source ({@code modules/rng_philox.py}): Philox 4x32-10 keyed by the seed,
 *       one counter offset per draw, Box–Muller on the first two words. This is what torch's CUDA {@code randn}
 *       gives, i.e. A1111's and SD.Next's default "GPU" seeds on NVIDIA cards. The default.</li>
 *   <li>{@link #TORCH_CPU}: {@code torch.Generator().manual_seed(seed)} and {@code torch.randn} on the CPU
 *       (mt19937; float Box–Muller in blocks of 16 for tensors of 16 or more elements, cached double Box–Muller
 *       below that), bit for bit as torch's AVX2 kernel computes it (x86-64): A1111's "CPU" source, ComfyUI's noise
 *       and diffusers' PyTorch pipelines with a CPU generator.</li>
 *   <li>{@link #NUMPY}: {@code np.random.RandomState(seed).randn(...)} narrowed to float32 (mt19937, Marsaglia's
 *       polar method with its cached second value): diffusers' ONNX pipelines; their ancestral / LCM step noise is
 *       torch's ({@link #stepNoiseSource()}).</li>
 *   <li>{@link #STEPCAST}: Stepcast's original generator ({@code java.util.Random.nextGaussian}), kept so old
 *       seeds still give the old images.</li>
 * </ul>
 *
 * <p>Immutable; any thread.
 */
public enum NoiseSource {
    A1111_NV("a1111-nv", "NV"),
    TORCH_CPU("torch-cpu", "CPU"),
    NUMPY("numpy", null),
    STEPCAST("stepcast", null);

    /** The source that matches the most users' seeds (A1111 and SD.Next on NVIDIA). */
    public static final NoiseSource DEFAULT = A1111_NV;

    private final String id;
    private final String a1111;

    NoiseSource(String id, String a1111) {
        this.id = id;
        this.a1111 = a1111;
    }

    /** The name on the command line and in settings: "a1111-nv", "torch-cpu", "numpy", "stepcast". */
    public String id() {
        return id;
    }

    /**
     * The value of the {@code RNG} key in an A1111 {@code parameters} text: A1111's own "NV" / "CPU" where one of
     * its sources matches, otherwise this source's {@link #id()}.
     */
    public String parameterValue() {
        return a1111 != null ? a1111 : id;
    }

    /**
     * Where a scheduler's per-step noise (Euler a, LCM) comes from with this source: itself, except for
     * {@link #NUMPY}, whose step noise is {@link #TORCH_CPU} of the same seed. diffusers' ONNX pipeline draws only the
     * initial latents from its numpy generator; its torch schedulers' {@code step} gets no generator and draws
     * {@code torch.randn(latents.shape)} from torch's global CPU generator — i.e. the draws of
     * {@code torch.manual_seed(seed)} when the script seeded torch with the same seed (diffusers' and accelerate's
     * {@code set_seed} do). Without that, torch seeds its global generator at random in every process and diffusers'
     * own Euler a / LCM runs cannot be repeated at all.
     */
    public NoiseSource stepNoiseSource() {
        return this == NUMPY ? TORCH_CPU : this;
    }

    /** A new stream of this source's normal draws for {@code seed}. */
    public NormalStream stream(long seed) {
        return switch (this) {
            case A1111_NV -> new PhiloxNormal(seed);
            case TORCH_CPU -> new TorchCpuNormal(seed);
            case NUMPY -> new NumpyNormal(seed);
            case STEPCAST -> new JavaRandomNormal(seed);
        };
    }

    /** The source named {@code name} by its {@link #id()} (any case), or empty. */
    public static Optional<NoiseSource> byId(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.id.equals(n)).findFirst();
    }

    /**
     * The source an A1111 {@code RNG} value names: "NV" and "GPU" (A1111's default, torch's CUDA generator, which
     * "NV" imitates) → {@link #A1111_NV}, "CPU" → {@link #TORCH_CPU}, or one of our {@link #id()}s.
     */
    public static Optional<NoiseSource> fromParameterValue(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.strip().toUpperCase(Locale.ROOT)) {
            case "NV", "GPU" -> Optional.of(A1111_NV);
            case "CPU" -> Optional.of(TORCH_CPU);
            default -> byId(value);
        };
    }

    /** "a1111-nv, torch-cpu, numpy, stepcast", for help and error texts. */
    public static String names() {
        return Arrays.stream(values()).map(NoiseSource::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
