package dev.stepcast.engine.text;

import dev.stepcast.engine.CacheFolder;
import dev.stepcast.engine.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * A compact binary copy of a tokenizer folder's tables, so that a fresh JVM loads CLIP's tokenizer with a few bulk
 * reads instead of parsing 1.5 MB of JSON and text (measured: ~0.4 s cold → a few ms; see the README's performance
 * section). Files live in {@code <cache>/tokenizers/<key>.bin}; the key names every tokenizer file with its size
 * and modification time (like Python's {@code .pyc} check: reading and hashing 1.5 MB would cost more than the
 * cache saves), and the whole key text is stored in the file and compared on read, so an edited tokenizer never
 * meets a stale cache. The file is memory-mapped and the tables are views of it. A cache that cannot be read or written is ignored (logged): the tokenizer then loads from its
 * files as before.
 *
 * <p>Layout (little-endian): magic {@code SCTK}, format version, key (UTF-8, length-prefixed), the four special
 * ids (bos, eos, unk, pad), then two {@link TokenTable}s (vocab, merges), each as key-byte count, entry count, key
 * bytes, offsets, values.
 *
 * <p><b>Threads:</b> stateless; concurrent writers each write their own temporary file and the last atomic move
 * wins with identical content.
 */
final class TokenizerCache {

    private static final System.Logger LOG = System.getLogger(TokenizerCache.class.getName());
    private static final int MAGIC = 0x4B544353; // "SCTK" little-endian
    private static final int VERSION = 2;
    /** Every file that decides what the tokenizer is. */
    private static final List<String> SOURCES = List.of("vocab.json", "merges.txt", "tokenizer.json",
            "tokenizer_config.json", "special_tokens_map.json");

    /** The tables and special ids of one tokenizer. */
    record Entry(TokenTable vocab, TokenTable merges, int bos, int eos, int unk, int pad) {
    }

    private TokenizerCache() {
    }

    /** The key of {@code dir}'s current files, or empty when they cannot be read (the slow path then explains). */
    static Optional<String> key(Path dir) {
        StringBuilder key = new StringBuilder("v").append(VERSION).append(';').append(dir.toAbsolutePath());
        try {
            for (String name : SOURCES) {
                Path file = dir.resolve(name);
                if (Files.isRegularFile(file)) {
                    key.append(';').append(name).append(':').append(Files.size(file)).append(':')
                            .append(Files.getLastModifiedTime(file).toMillis());
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(key.toString());
    }

    /** Where the cache of {@code key} lives. */
    static Path fileFor(String key) {
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return CacheFolder.stepcast().resolve("tokenizers")
                .resolve(String.format("%08x-%d.bin", crc.getValue(), key.length()));
    }

    /** The cached entry for {@code key}, or empty when there is none or it is unreadable or for another key. */
    static Optional<Entry> read(String key) {
        Path file = fileFor(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                return Optional.empty();
            }
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            ByteBuffer in = mapped.order(ByteOrder.LITTLE_ENDIAN);
            if (in.getInt() != MAGIC || in.getInt() != VERSION) {
                return Optional.empty();
            }
            byte[] storedKey = new byte[in.getInt()];
            in.get(storedKey);
            in.position(in.position() + (4 - storedKey.length % 4) % 4);
            if (!key.equals(new String(storedKey, StandardCharsets.UTF_8))) {
                return Optional.empty();
            }
            int bos = in.getInt();
            int eos = in.getInt();
            int unk = in.getInt();
            int pad = in.getInt();
            return Optional.of(new Entry(readTable(in), readTable(in), bos, eos, unk, pad));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.INFO, "tokenizer cache " + file + " unreadable; loading from the files", e);
            return Optional.empty();
        }
    }

    /** Writes {@code entry} for {@code key} ({@link AtomicFiles}: never a half-written cache); failures are logged. */
    static void write(String key, Entry entry) {
        Path file = fileFor(key);
        try {
            byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
            int keyPadding = (4 - keyBytes.length % 4) % 4; // 4-byte aligned int sections
            int size = 4 * 7 + keyBytes.length + keyPadding + tableSize(entry.vocab()) + tableSize(entry.merges());
            ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
            out.putInt(MAGIC).putInt(VERSION).putInt(keyBytes.length).put(keyBytes).put(new byte[keyPadding]);
            out.putInt(entry.bos()).putInt(entry.eos()).putInt(entry.unk()).putInt(entry.pad());
            writeTable(out, entry.vocab());
            writeTable(out, entry.merges());
            AtomicFiles.write(file, out.array());
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.INFO, "cannot write tokenizer cache " + file, e);
        }
    }

    private static int tableSize(TokenTable table) {
        int keyBytes = table.keys().remaining();
        return 8 + keyBytes + (4 - keyBytes % 4) % 4 + 4 * (2 * table.size() + 1);
    }

    /** Key-byte count, entry count, key bytes padded to 4, offsets, values. */
    private static void writeTable(ByteBuffer out, TokenTable table) {
        ByteBuffer keys = table.keys();
        int keyBytes = keys.remaining();
        out.putInt(keyBytes).putInt(table.size()).put(keys).put(new byte[(4 - keyBytes % 4) % 4]);
        IntBuffer offsets = table.offsets();
        out.asIntBuffer().put(offsets);
        out.position(out.position() + 4 * (table.size() + 1));
        out.asIntBuffer().put(table.values());
        out.position(out.position() + 4 * table.size());
    }

    /** Views of the mapped file: nothing is copied. */
    private static TokenTable readTable(ByteBuffer in) {
        int keyBytes = in.getInt();
        int count = in.getInt();
        ByteBuffer keys = in.slice(in.position(), keyBytes);
        in.position(in.position() + keyBytes + (4 - keyBytes % 4) % 4);
        IntBuffer offsets = in.slice(in.position(), 4 * (count + 1)).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
        in.position(in.position() + 4 * (count + 1));
        IntBuffer values = in.slice(in.position(), 4 * count).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
        in.position(in.position() + 4 * count);
        return new TokenTable(keys, offsets, values);
    }
}
