package dev.stepcast.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibraryCacheTest {

    @TempDir
    Path root;

    @Test
    void unpacksThisPlatformsLibrariesByteForByteWithACompletionMarker() throws Exception {
        Path dir = NativeLibraryCache.folder(root).orElseThrow();

        String platform = NativeLibraryCache.platform();
        assertThat(dir.getParent()).isEqualTo(root);
        assertThat(dir.getFileName().toString()).startsWith("onnxruntime-" + platform + "-");
        for (String library : new String[] {"onnxruntime", "onnxruntime4j_jni"}) {
            String name = System.mapLibraryName(library);
            try (InputStream in = OrtEnvironments.class.getResourceAsStream(
                    "/ai/onnxruntime/native/" + platform + "/" + name)) {
                assertThat(sha256(Files.readAllBytes(dir.resolve(name)))).as(name)
                        .isEqualTo(sha256(in.readAllBytes()));
            }
        }
        assertThat(Files.readString(dir.resolve("complete")).strip()).isEqualTo(platform);
        try (var children = Files.list(root)) {
            assertThat(children.map(p -> p.getFileName().toString())).containsExactly(dir.getFileName().toString());
        }
    }

    @Test
    void aSecondStartReusesTheFolderWithoutCopyingAgain() throws Exception {
        Path first = NativeLibraryCache.folder(root).orElseThrow();
        Path library = first.resolve(System.mapLibraryName("onnxruntime"));
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(library, old);

        Path second = NativeLibraryCache.folder(root).orElseThrow();

        assertThat(second).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(library)).isEqualTo(old);
    }

    @Test
    void aFolderWithoutItsMarkerIsReplacedAndStalePartialCopiesAreRemoved() throws Exception {
        Path dir = NativeLibraryCache.folder(root).orElseThrow();
        Files.delete(dir.resolve("complete"));
        Files.writeString(dir.resolve(System.mapLibraryName("onnxruntime")), "half a library");
        Path stale = Files.createDirectory(root.resolve(dir.getFileName() + ".partial-123"));
        Files.writeString(stale.resolve("junk"), "x");
        Files.setLastModifiedTime(stale, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000L));
        Path running = Files.createDirectory(root.resolve(dir.getFileName() + ".partial-456"));

        Path again = NativeLibraryCache.folder(root).orElseThrow();

        assertThat(again).isEqualTo(dir);
        assertThat(Files.size(dir.resolve(System.mapLibraryName("onnxruntime")))).isGreaterThan(1_000_000L);
        assertThat(dir.resolve("complete")).as("marker").exists();
        assertThat(stale).as("stale partial copy").doesNotExist();
        assertThat(running).as("a partial copy another process may be writing").exists();
    }

    @Test
    void unpackingThisVersionRemovesFoldersOtherVersionsLeftButNotOtherPlatforms() throws Exception {
        String platform = NativeLibraryCache.platform();
        Path older = Files.createDirectories(root.resolve("onnxruntime-" + platform + "-1234-5678"));
        Files.writeString(older.resolve("complete"), platform);
        Path otherPlatform = Files.createDirectories(root.resolve("onnxruntime-plan9-mips-1-2"));

        Path dir = NativeLibraryCache.folder(root).orElseThrow();

        try (var children = Files.list(root)) {
            assertThat(children.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    dir.getFileName().toString(), otherPlatform.getFileName().toString());
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
