package dev.stepcast.panel.settings;

import dev.stepcast.engine.io.JsonMappers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepcast.engine.Messages;
import dev.stepcast.engine.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Reads and writes {@code settings.json} in the plugin's data folder as versioned JSON ({@code "version": 2}). Older
 * versions are migrated when read ({@link #migrate}) and written back in the current version on the next save.
 *
 * <p>A file that cannot be read — not JSON, not an object, no version — or that a newer Stepcast wrote (a version above
 * {@link Settings#CURRENT_VERSION}) is never overwritten: it is renamed with a timestamp
 * ({@code settings.json.corrupt-20261125-185700} or {@code settings.json.v2-20261125-185700}), the defaults are used,
 * and {@link Loaded#problem()} says so for the panel to show. That holds for every unusable file: not UTF-8 (binary
 * data, Latin-1), unreadable, not JSON; it is renamed before anything is written, byte for byte, never over an earlier
 * copy. Writes go to a temporary file that is then moved into
 * place, so a crash mid-write leaves the old file.
 *
 * <p><b>Threads:</b> any thread; small synchronous file I/O. Not for concurrent use of one file from two threads.
 */
public final class SettingsStore {

    /** The file name inside the data folder. */
    public static final String FILE_NAME = "settings.json";

    private static final System.Logger LOG = System.getLogger(SettingsStore.class.getName());
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final Path file;
    /** Set when an unusable file could not be set aside: {@link #save} then refuses to overwrite it. */
    private volatile boolean keepFile;
    private final Clock clock;
    private final ObjectMapper json = JsonMappers.create()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** A store for {@code settings.json} in {@code dataFolder}. */
    public SettingsStore(Path dataFolder) {
        this(dataFolder, Clock.systemUTC());
    }

    SettingsStore(Path dataFolder, Clock clock) {
        this.file = dataFolder.resolve(FILE_NAME);
        this.clock = clock;
    }

    /** The settings file. */
    public Path file() {
        return file;
    }

    /**
     * What {@link #load()} found.
     *
     * @param settings the settings to use (the defaults when the file was missing or set aside)
     * @param problem  a message for the user when the file was set aside, naming where it went
     */
    public record Loaded(Settings settings, Optional<String> problem) {
    }

    /** Reads the settings; never throws: an unreadable file is set aside and reported in {@link Loaded#problem()}. */
    public Loaded load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Loaded(Settings.defaults(), Optional.empty());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot read " + file, e);
            return setAside("corrupt", "it cannot be read (" + AtomicFiles.reason(e) + ")");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            LOG.log(Level.WARNING, "Settings file " + file + " is not UTF-8", e);
            return setAside("corrupt", "it is not valid UTF-8 text (binary data, or saved in another encoding)");
        }
        try {
            JsonNode tree = json.readTree(text);
            if (tree == null || !tree.isObject() || !tree.path("version").canConvertToInt()) {
                return setAside("corrupt", "it is not a Stepcast settings file (no \"version\")");
            }
            int version = tree.get("version").asInt();
            if (version > Settings.CURRENT_VERSION) {
                return setAside("v" + version, "it was written by a newer Stepcast (format version " + version
                        + "; this one reads version " + Settings.CURRENT_VERSION + ")");
            }
            if (version < 1) {
                return setAside("corrupt", "its format version " + version + " is unknown");
            }
            Settings read = json.treeToValue(migrate((ObjectNode) tree), Settings.class);
            return new Loaded(read.withCurrentVersion(), Optional.empty());
        } catch (JsonProcessingException e) {
            LOG.log(Level.WARNING, "Corrupt settings file " + file, e);
            return setAside("corrupt", "it is not valid JSON (" + jacksonReason(e.getOriginalMessage()) + " at line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
        }
    }

    /**
     * Brings an older file's tree to the current version, one version at a time. Version 1 → 2: servers arrived
     * (an empty list, default timeouts and poll period, the model runs on this computer).
     */
    static ObjectNode migrate(ObjectNode tree) {
        int version = tree.get("version").asInt();
        if (version == 1) {
            tree.putArray("servers");
            ObjectNode remote = tree.putObject("remote");
            remote.put("connectTimeoutSeconds", Settings.RemotePrefs.DEFAULT_CONNECT_SECONDS);
            remote.put("readTimeoutSeconds", Settings.RemotePrefs.DEFAULT_READ_SECONDS);
            remote.put("pollMillis", Settings.RemotePrefs.DEFAULT_POLL_MILLIS);
            tree.putNull("selectedServerModel");
            tree.put("version", 2);
        }
        return tree;
    }

    /** Writes {@code settings} (with the current version), atomically. */
    public void save(Settings settings) throws IOException {
        if (keepFile) {
            throw new IOException("settings are not saved: " + file + " could not be used nor set aside, and it is"
                    + " kept unchanged");
        }
        Settings current = settings.withCurrentVersion();
        AtomicFiles.write(file, json.writeValueAsBytes(current));
    }

    /**
     * Renames the unusable file to a name no earlier copy has (a second one in the same second gets {@code -2}),
     * so its bytes are kept as they were; if it cannot be renamed, saving is refused until the next load so the file
     * is never overwritten.
     */
    private Loaded setAside(String tag, String why) {
        String base = FILE_NAME + "." + tag + "-" + STAMP.format(clock.instant());
        IOException failure = null;
        for (int n = 1; n < 100; n++) {
            Path aside = file.resolveSibling(n == 1 ? base : base + "-" + n);
            try {
                Files.move(file, aside);
                keepFile = false;
                LOG.log(Level.WARNING, "Settings file " + file + " set aside as " + aside + ": " + why);
                return new Loaded(Settings.defaults(), Optional.of("Your settings file could not be used: " + why
                        + ". It was kept as " + aside.getFileName() + " in " + aside.getParent()
                        + " and the defaults are used."));
            } catch (FileAlreadyExistsException e) {
                failure = e;
            } catch (IOException e) {
                failure = e;
                break;
            }
        }
        LOG.log(Level.WARNING, "Cannot set aside " + file, failure);
        keepFile = true;
        return new Loaded(Settings.defaults(), Optional.of("Your settings file " + file + " could not be used: "
                + why + ". It could not be renamed either (" + AtomicFiles.reason(failure)
                + "), so it is left unchanged and settings are not saved this session; the defaults are used."));
    }

    /** Jackson's reason without its location suffix (the message adds the line itself). */
    private static String jacksonReason(String s) {
        String line = Messages.firstLine(s, "unreadable");
        for (String stop : new String[] {" (", " at [Source"}) {
            int i = line.indexOf(stop);
            line = i > 0 ? line.substring(0, i) : line;
        }
        return line;
    }
}
