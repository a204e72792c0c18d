package dev.stepcast.engine.text;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * A read-only string → int table kept as one sorted UTF-8 blob with offsets, looked up by binary search. The BPE
 * tables (about 49k tokens and 48k merges for CLIP) take three arrays instead of two hundred thousand map entries,
 * and load from the tokenizer cache as views of one memory-mapped file: no parsing, no hashing, no per-entry
 * objects, nothing copied.
 *
 * <p><b>Threads:</b> immutable; safe from any thread.
 */
final class TokenTable {

    private final ByteBuffer keys;   // every key's UTF-8 bytes, sorted by unsigned byte order
    private final IntBuffer offsets; // key i is keys[offsets[i] .. offsets[i + 1])
    private final IntBuffer values;

    /** A table over buffers (absolute reads only, so views of one mapped file can be shared by threads). */
    TokenTable(ByteBuffer keys, IntBuffer offsets, IntBuffer values) {
        int n = values.limit();
        if (offsets.limit() != n + 1 || offsets.get(0) != 0 || offsets.get(n) != keys.limit()) {
            throw new IllegalArgumentException("offsets " + offsets.limit() + " do not fit " + n
                    + " values and " + keys.limit() + " key bytes");
        }
        this.keys = keys;
        this.offsets = offsets;
        this.values = values;
    }

    /** The table of {@code map} (a key present twice cannot happen in a map). */
    static TokenTable of(Map<String, Integer> map) {
        byte[][] encoded = new byte[map.size()][];
        int[] unsortedValues = new int[map.size()];
        int n = 0;
        for (Map.Entry<String, Integer> e : map.entrySet()) {
            encoded[n] = e.getKey().getBytes(StandardCharsets.UTF_8);
            unsortedValues[n++] = e.getValue();
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(encoded[a], encoded[b]));
        int total = 0;
        for (byte[] key : encoded) {
            total += key.length;
        }
        byte[] keys = new byte[total];
        int[] offsets = new int[n + 1];
        int[] values = new int[n];
        int at = 0;
        for (int i = 0; i < n; i++) {
            byte[] key = encoded[order[i]];
            System.arraycopy(key, 0, keys, at, key.length);
            offsets[i] = at;
            values[i] = unsortedValues[order[i]];
            at += key.length;
        }
        offsets[n] = at;
        return new TokenTable(ByteBuffer.wrap(keys), IntBuffer.wrap(offsets), IntBuffer.wrap(values));
    }

    /** The value of {@code key}, or {@code missing} when the table has no such key. */
    int get(String key, int missing) {
        byte[] wanted = key.getBytes(StandardCharsets.UTF_8);
        int low = 0;
        int high = values.limit() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int c = compare(offsets.get(mid), offsets.get(mid + 1), wanted);
            if (c < 0) {
                low = mid + 1;
            } else if (c > 0) {
                high = mid - 1;
            } else {
                return values.get(mid);
            }
        }
        return missing;
    }

    /** Unsigned lexicographic order of {@code keys[from, to)} against {@code wanted}. */
    private int compare(int from, int to, byte[] wanted) {
        int length = Math.min(to - from, wanted.length);
        for (int i = 0; i < length; i++) {
            int c = Integer.compare(keys.get(from + i) & 0xFF, wanted[i] & 0xFF);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(to - from, wanted.length);
    }

    /** Number of keys. */
    int size() {
        return values.limit();
    }

    /** The key bytes, offsets and values, for writing the cache (duplicates: the table's buffers stay untouched). */
    ByteBuffer keys() {
        return keys.duplicate().clear();
    }

    IntBuffer offsets() {
        return offsets.duplicate().clear();
    }

    IntBuffer values() {
        return values.duplicate().clear();
    }
}
