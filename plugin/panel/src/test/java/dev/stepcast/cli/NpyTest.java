package dev.stepcast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepcast.engine.FloatTensor;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

    @TempDir
    Path temp;

    @Test
    void round_trips_a_float32_tensor_with_a_64_byte_aligned_header() throws Exception {
        Path file = temp.resolve("x.npy");
        float[] values = {1.5f, -2f, 3.25f, 0f, 7f, -0.125f};
        Npy.write(file, FloatTensor.wrap(values, 1, 3, 1, 2));
        byte[] bytes = Files.readAllBytes(file);
        int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        assertThat((10 + headerLength) % 64).isZero();
        assertThat(new String(bytes, 10, headerLength, StandardCharsets.US_ASCII))
                .startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 3, 1, 2), }").endsWith("\n");
        FloatTensor back = Npy.read(file);
        assertThat(back.shape()).containsExactly(1, 3, 1, 2);
        assertThat(back.toArray()).containsExactly(values);
    }

    @Test
    void reads_what_numpy_writes() throws Exception {
        // numpy.save of np.arange(4, dtype='<f4').reshape(1, 1, 2, 2), header as NumPy 1.x formats it.
        Path file = temp.resolve("np.npy");
        Files.write(file, npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1, 2, 2), }", 0, 1, 2, 3));
        assertThat(Npy.read(file).toArray()).containsExactly(0f, 1f, 2f, 3f);
    }

    @Test
    void rejects_float64_naming_the_file_and_the_type() throws Exception {
        Path file = temp.resolve("f8.npy");
        Files.write(file, npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", 0, 0, 0, 0));
        assertThatThrownBy(() -> Npy.read(file)).hasMessageContaining("f8.npy").hasMessageContaining("'<f8'");
    }

    @Test
    void rejects_a_file_whose_shape_does_not_match_its_data() throws Exception {
        Path file = temp.resolve("short.npy");
        Files.write(file, npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 4, 8, 8), }", 1, 2));
        assertThatThrownBy(() -> Npy.read(file)).hasMessageContaining("needs 256 floats");
    }

    private static byte[] npy(String dict, float... values) {
        int unpadded = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(header.length() & 0xff);
        out.write(header.length() >> 8);
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        ByteBuffer data = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            data.putFloat(v);
        }
        out.writeBytes(data.array());
        return out.toByteArray();
    }
}
