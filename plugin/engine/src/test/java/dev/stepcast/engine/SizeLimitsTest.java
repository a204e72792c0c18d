package dev.stepcast.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SizeLimitsTest {

    private static final long GIB = 1L << 30;
    private final SizeLimits limits = new SizeLimits(4 * GIB, 24 * GIB);

    @Test
    void a_huge_size_is_refused_naming_the_largest_that_fits() {
        assertThat(limits.problem(100_000, 100_000)).hasValue("100000×100000 is too large for this machine (it needs"
                + " about 14 TiB of memory for its tensors; Java has 4.0 GiB, the machine 24.0 GiB); the largest that"
                + " fits is 4096×4096");
    }

    @Test
    void the_largest_named_size_itself_fits_and_ordinary_sizes_pass() {
        int side = limits.largestSquare();
        assertThat(limits.problem(side, side)).isEmpty();
        assertThat(limits.problem(512, 512)).isEmpty();
        assertThat(limits.problem(2048, 2048)).isEmpty();
    }

    @Test
    void a_small_heap_limits_the_size_too() {
        SizeLimits small = new SizeLimits(64L << 20, 24 * GIB);
        assertThat(small.largestSquare()).isEqualTo(2048);
        assertThat(small.problem(4096, 4096)).hasValueSatisfying(m -> assertThat(m).endsWith("2048×2048"));
    }

    @Test
    void linux_memory_is_meminfo_total_capped_by_a_numeric_cgroup_limit(@TempDir Path dir) throws Exception {
        Path meminfo = Files.writeString(dir.resolve("meminfo"),
                "MemTotal:       24589620 kB\nMemFree:         1234 kB\n");
        Path v2 = dir.resolve("memory.max");
        Path v1 = dir.resolve("memory.limit_in_bytes");

        assertThat(SizeLimits.linuxMemory(meminfo, v2, v1)).hasValue(24_589_620L * 1024);
        Files.writeString(v2, "max\n");
        Files.writeString(v1, "9223372036854771712\n");
        assertThat(SizeLimits.linuxMemory(meminfo, v2, v1)).as("no limit").hasValue(24_589_620L * 1024);
        Files.writeString(v2, "4294967296\n");
        assertThat(SizeLimits.linuxMemory(meminfo, v2, v1)).as("container limit").hasValue(4_294_967_296L);
        assertThat(SizeLimits.linuxMemory(dir.resolve("missing"), v2, v1)).isEmpty();
    }

    @Test
    void physical_memory_agrees_with_the_jvm_operating_system_bean() {
        long bean = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();

        assertThat(SizeLimits.physicalMemory()).isEqualTo(bean);
    }
}
