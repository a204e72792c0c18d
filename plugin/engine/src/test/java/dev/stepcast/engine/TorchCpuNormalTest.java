package dev.stepcast.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link NoiseSource#TORCH_CPU} against torch itself, bit for bit: {@code torch-cpu-randn.json} holds successive
 * {@code torch.randn} draws of {@code torch.Generator().manual_seed(seed)} made by torch 1.13.1 with its AVX2 kernel
 * (written by {@code src/test/python/torch_cpu_randn_reference.py}; CI has no torch and only reads it): the SHA-256 of
 * each draw's float32 little-endian bytes, its first 8 values and a few values at offsets (the last block, the
 * redrawn tail of sizes that are not a multiple of 16). Shapes cover the small (&lt; 16) double path, 16, 17, 31,
 * 4×64×64, 4×128×128 and sizes that are not multiples of 16; no tolerance anywhere.
 */
class TorchCpuNormalTest {

    private static final String REFERENCE = "/dev/stepcast/engine/torch-cpu-randn.json";

    static JsonNode reference() throws IOException {
        try (InputStream in = TorchCpuNormalTest.class.getResourceAsStream(REFERENCE)) {
            assertThat(in).as(REFERENCE).isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void should_equal_torchs_avx2_randn_on_every_element_of_every_recorded_draw() throws Exception {
        JsonNode ref = reference();
        assertThat(ref.get("cpu_capability").asText()).isEqualTo("AVX2");
        int draws = 0;
        for (JsonNode c : ref.get("cases")) {
            long seed = Long.parseUnsignedLong(c.get("seed").asText());
            NormalStream stream = NoiseSource.TORCH_CPU.stream(seed);
            int k = 0;
            for (JsonNode draw : c.get("draws")) {
                int n = 1;
                for (JsonNode dim : draw.get("shape")) {
                    n *= dim.asInt();
                }
                float[] got = stream.next(n);
                String what = "seed " + seed + " draw " + k++ + " shape " + draw.get("shape");
                List<Float> first = new ArrayList<>();
                draw.get("first").forEach(v -> first.add((float) v.asDouble()));
                for (int i = 0; i < first.size(); i++) {
                    assertThat(got[i]).as("%s value %d", what, i).isEqualTo(first.get(i));
                }
                Iterator<Map.Entry<String, JsonNode>> at = draw.get("at").fields();
                while (at.hasNext()) {
                    Map.Entry<String, JsonNode> e = at.next();
                    int i = Integer.parseInt(e.getKey());
                    assertThat(got[i]).as("%s value %d", what, i).isEqualTo((float) e.getValue().asDouble());
                }
                assertThat(sha256(got)).as("%s SHA-256 of all %d values", what, n)
                        .isEqualTo(draw.get("sha256").asText());
                draws++;
            }
        }
        assertThat(draws).isEqualTo(26);
    }

    @Test
    void should_take_only_the_low_32_bits_of_a_seed_as_torchs_manual_seed_does() {
        float[] low = NoiseSource.TORCH_CPU.stream(5).next(64);
        assertThat(NoiseSource.TORCH_CPU.stream((1L << 32) + 5).next(64)).containsExactly(low);
    }

    static String sha256(float[] values) throws NoSuchAlgorithmException {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
    }
}
