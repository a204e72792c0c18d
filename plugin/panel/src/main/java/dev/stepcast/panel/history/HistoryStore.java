package dev.stepcast.panel.history;

import dev.stepcast.engine.io.JsonMappers;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.stepcast.engine.io.AtomicFiles;
import dev.stepcast.panel.png.PngParameters;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * The results kept between runs: PNG files (each with its A1111 {@code parameters} chunk) in a {@code history}
 * folder, listed in {@code history/index.json} with their region and applied mark. The folder is capped by size on
 * disk: after each addition the oldest results are deleted until the PNGs fit the cap (the newest is always kept).
 * A missing or unreadable index is rebuilt from the PNGs' own parameters chunks, so results are not lost with it.
 *
 * <p><b>Threads:</b> thread-safe (every method is synchronized); does file I/O, so call it off the EDT.
 */
public final class HistoryStore {

    private static final System.Logger LOG = System.getLogger(HistoryStore.class.getName());
    private static final String INDEX = "index.json";

    private final Path folder;
    private final Clock clock;
    private final ObjectMapper json = JsonMappers.create()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final List<HistoryEntry> entries = new ArrayList<>();
    private long capBytes;

    /** The stored index: a versioned list of entries, newest first. */
    record Index(int version, List<HistoryEntry> entries) {
    }

    /** Opens (creating if needed) the history in {@code folder}, capped at {@code capBytes} of PNGs. */
    public HistoryStore(Path folder, long capBytes) throws IOException {
        this(folder, capBytes, Clock.systemUTC());
    }

    HistoryStore(Path folder, long capBytes, Clock clock) throws IOException {
        this.folder = folder;
        this.clock = clock;
        this.capBytes = capBytes;
        Files.createDirectories(folder);
        load();
    }

    /** The entries, newest first. */
    public synchronized List<HistoryEntry> entries() {
        return List.copyOf(entries);
    }

    /** The PNG file of {@code entry}. */
    public Path file(HistoryEntry entry) {
        return folder.resolve(entry.fileName());
    }

    /** The total size of the history's PNGs in bytes. */
    public synchronized long sizeOnDisk() {
        return entries.stream().mapToLong(HistoryEntry::sizeBytes).sum();
    }

    /**
     * Stores a result as a PNG with {@code parameters} in its text chunk, at the front of the history, then trims the
     * oldest entries to the cap.
     *
     * @return the new entry
     */
    public synchronized HistoryEntry add(BufferedImage image, String parameters, HistoryEntry.Region region)
            throws IOException {
        String id = Instant.now(clock).toString().replaceAll("[^0-9]", "").substring(0, 14) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        Path png = folder.resolve(id + ".png");
        PngParameters.write(image, parameters, png);
        HistoryEntry entry = new HistoryEntry(id, clock.millis(), parameters, region, false, Files.size(png));
        entries.add(0, entry);
        trim();
        saveIndex();
        return entry;
    }

    /** Marks an entry applied; returns the updated entry (or the given one if it is no longer stored). */
    public synchronized HistoryEntry markApplied(HistoryEntry entry) throws IOException {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).id().equals(entry.id())) {
                entries.set(i, entries.get(i).asApplied());
                saveIndex();
                return entries.get(i);
            }
        }
        return entry.asApplied();
    }

    /** Deletes an entry and its PNG. */
    public synchronized void remove(HistoryEntry entry) throws IOException {
        entries.removeIf(e -> e.id().equals(entry.id()));
        Files.deleteIfExists(file(entry));
        saveIndex();
    }

    /** Changes the cap and trims at once. */
    public synchronized void setCapBytes(long newCap) throws IOException {
        capBytes = newCap;
        if (trim()) {
            saveIndex();
        }
    }

    /** Reads an entry's image from its PNG. */
    public BufferedImage readImage(HistoryEntry entry) throws IOException {
        BufferedImage image = ImageIO.read(file(entry).toFile());
        if (image == null) {
            throw new IOException(file(entry) + " is not a readable PNG");
        }
        return image;
    }

    private boolean trim() throws IOException {
        boolean trimmed = false;
        long total = entries.stream().mapToLong(HistoryEntry::sizeBytes).sum();
        while (total > capBytes && entries.size() > 1) {
            HistoryEntry oldest = entries.remove(entries.size() - 1);
            Files.deleteIfExists(file(oldest));
            total -= oldest.sizeBytes();
            trimmed = true;
        }
        return trimmed;
    }

    private void load() throws IOException {
        Path index = folder.resolve(INDEX);
        if (Files.exists(index)) {
            try {
                Index read = json.readValue(index.toFile(), Index.class);
                if (read.entries() != null) {
                    read.entries().stream().filter(e -> Files.isRegularFile(file(e))).forEach(entries::add);
                }
                if (trim()) {
                    saveIndex();
                }
                return;
            } catch (IOException e) {
                LOG.log(Level.WARNING, "History index " + index + " unreadable; rebuilding it from the PNGs", e);
                Files.move(index, index.resolveSibling(INDEX + ".corrupt"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        rebuildFromPngs();
    }

    private void rebuildFromPngs() throws IOException {
        List<Path> pngs;
        try (Stream<Path> files = Files.list(folder)) {
            pngs = files.filter(p -> p.getFileName().toString().endsWith(".png"))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
        }
        for (Path png : pngs) {
            String name = png.getFileName().toString();
            Optional<String> parameters = PngParameters.read(png);
            entries.add(new HistoryEntry(name.substring(0, name.length() - 4),
                    Files.getLastModifiedTime(png).toMillis(), parameters.orElse(""), null, false, Files.size(png)));
        }
        trim();
        if (!entries.isEmpty()) {
            saveIndex();
        }
    }

    private void saveIndex() throws IOException {
        Path index = folder.resolve(INDEX);
        AtomicFiles.write(index, json.writeValueAsBytes(new Index(1, entries)));
    }
}
