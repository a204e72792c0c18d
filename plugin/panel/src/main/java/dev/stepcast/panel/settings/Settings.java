package dev.stepcast.panel.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.stepcast.engine.CompatOptions;
import dev.stepcast.engine.LongPrompt;
import dev.stepcast.panel.preview.PreviewMethod;
import dev.stepcast.panel.preview.PreviewSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything Stepcast remembers between runs, as stored in {@code settings.json} (versioned JSON, see
 * {@link SettingsStore}). Missing or out-of-range values are replaced by defaults when read, so a hand-edited file
 * never breaks the panel.
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param version           the file format version, {@link #CURRENT_VERSION}
 * @param preview           how live previews are made
 * @param executionProvider the requested ONNX Runtime provider by name ("AUTO", "CPU", "CUDA", …)
 * @param modelFolders      recently used model folders, newest first (at most {@link #MAX_MODEL_FOLDERS})
 * @param selectedModel     the model folder in use, or {@code null} for the built-in demo model
 * @param historyLimitMb    the history's cap on disk in megabytes (10–10000)
 * @param form              the last values of the generation form
 * @param servers           the generation servers the painter added (no passwords: those are asked once per session
 *                          and kept in memory only), in the order shown; names are unique
 * @param remote            timeouts and the sdapi poll period for every server
 * @param selectedServerModel the server checkpoint in use, or {@code null} when the model runs on this computer
 *                          ({@link #selectedModel} then says which)
 * @param compat            how prompts are read: long prompts (chunk like A1111 or truncate like diffusers) and
 *                          A1111's emphasis syntax on or off (the noise source is in {@link #form})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Settings(int version, PreviewPrefs preview, String executionProvider, List<String> modelFolders,
                       String selectedModel, int historyLimitMb, FormState form, List<ServerPrefs> servers,
                       RemotePrefs remote, ServerModel selectedServerModel, CompatPrefs compat) {

    /**
     * The format version this build writes and reads. 2 added {@code servers}, {@code remote} and
     * {@code selectedServerModel}; {@link SettingsStore} migrates version 1 files.
     */
    public static final int CURRENT_VERSION = 2;
    /** How many recent model folders are kept. */
    public static final int MAX_MODEL_FOLDERS = 8;
    /** The default history cap in megabytes. */
    public static final int DEFAULT_HISTORY_MB = 200;

    public Settings {
        preview = preview == null ? PreviewPrefs.defaults() : preview;
        executionProvider = executionProvider == null || executionProvider.isBlank() ? "AUTO" : executionProvider;
        modelFolders = modelFolders == null ? List.of()
                : modelFolders.stream().filter(f -> f != null && !f.isBlank()).distinct()
                        .limit(MAX_MODEL_FOLDERS).toList();
        selectedModel = selectedModel == null || selectedModel.isBlank() ? null : selectedModel;
        historyLimitMb = historyLimitMb <= 0 ? DEFAULT_HISTORY_MB : Math.max(10, Math.min(10_000, historyLimitMb));
        form = form == null ? FormState.defaults() : form;
        servers = uniqueNames(servers);
        remote = remote == null ? RemotePrefs.defaults() : remote;
        if (selectedServerModel != null && (selectedServerModel.server() == null
                || selectedServerModel.checkpoint() == null)) {
            selectedServerModel = null;
        }
        compat = compat == null ? CompatPrefs.defaults() : compat;
    }

    /** The version 1 components (no servers), for callers written against them. */
    public Settings(int version, PreviewPrefs preview, String executionProvider, List<String> modelFolders,
                    String selectedModel, int historyLimitMb, FormState form) {
        this(version, preview, executionProvider, modelFolders, selectedModel, historyLimitMb, form, null, null,
                null, null);
    }

    private static List<ServerPrefs> uniqueNames(List<ServerPrefs> list) {
        if (list == null) {
            return List.of();
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        return list.stream().filter(s -> s != null && s.url() != null && seen.add(s.name())).toList();
    }

    /** The settings of a first run. */
    public static Settings defaults() {
        return new Settings(CURRENT_VERSION, null, null, null, null, 0, null);
    }

    public Settings withPreview(PreviewPrefs p) {
        return new Settings(version, p, executionProvider, modelFolders, selectedModel, historyLimitMb, form,
                servers, remote, selectedServerModel, compat);
    }

    public Settings withExecutionProvider(String p) {
        return new Settings(version, preview, p, modelFolders, selectedModel, historyLimitMb, form, servers, remote,
                selectedServerModel, compat);
    }

    public Settings withModelFolders(List<String> folders) {
        return new Settings(version, preview, executionProvider, folders, selectedModel, historyLimitMb, form,
                servers, remote, selectedServerModel, compat);
    }

    public Settings withServers(List<ServerPrefs> list) {
        return new Settings(version, preview, executionProvider, modelFolders, selectedModel, historyLimitMb, form,
                list, remote, selectedServerModel, compat);
    }

    public Settings withRemote(RemotePrefs prefs) {
        return new Settings(version, preview, executionProvider, modelFolders, selectedModel, historyLimitMb, form,
                servers, prefs, selectedServerModel, compat);
    }

    /** Selects a server's checkpoint ({@code null}: back to this computer's {@link #selectedModel}). */
    public Settings withSelectedServerModel(ServerModel model) {
        return new Settings(version, preview, executionProvider, modelFolders, selectedModel, historyLimitMb, form,
                servers, remote, model, compat);
    }

    /** The server named {@code name}, if the list has it. */
    public java.util.Optional<ServerPrefs> server(String name) {
        return servers.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * Selects a model folder ({@code null} = demo model) and moves it to the front of the recent folders; the model
     * then runs on this computer (no server checkpoint is selected).
     */
    public Settings withSelectedModel(String folder) {
        List<String> folders = modelFolders;
        if (folder != null) {
            folders = new java.util.ArrayList<>(modelFolders);
            folders.remove(folder);
            folders.add(0, folder);
        }
        return new Settings(version, preview, executionProvider, folders, folder, historyLimitMb, form, servers,
                remote, null, compat);
    }

    public Settings withHistoryLimitMb(int mb) {
        return new Settings(version, preview, executionProvider, modelFolders, selectedModel, mb, form, servers,
                remote, selectedServerModel, compat);
    }

    public Settings withForm(FormState f) {
        return new Settings(version, preview, executionProvider, modelFolders, selectedModel, historyLimitMb, f,
                servers, remote, selectedServerModel, compat);
    }

    /** How prompts are read (long prompts, emphasis). */
    public Settings withCompat(CompatPrefs prefs) {
        return new Settings(version, preview, executionProvider, modelFolders, selectedModel, historyLimitMb, form,
                servers, remote, selectedServerModel, prefs);
    }

    /** This with the current format version. */
    public Settings withCurrentVersion() {
        return new Settings(CURRENT_VERSION, preview, executionProvider, modelFolders, selectedModel, historyLimitMb,
                form, servers, remote, selectedServerModel, compat);
    }

    /**
     * A generation server as the settings keep it. There is no password here on purpose: it is asked once per session
     * and kept in memory ({@code ServerPasswords}), so it can never reach the settings file.
     *
     * @param name     what the painter calls it (unique in the list), e.g. "gpu-box"
     * @param url      the base URL, e.g. {@code http://gpu-box:7860}; credentials typed into it are dropped when
     *                 read (the user part moves to {@code user})
     * @param protocol "auto", "sdapi", "sdnext-v2" or "comfyui"
     * @param user     the HTTP basic auth user (A1111/SD.Next {@code --api-auth}), or {@code null}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ServerPrefs(String name, String url, String protocol, String user) {

        /** The protocols, as settings and the CLI name them. */
        public static final List<String> PROTOCOLS = List.of("auto", "sdapi", "sdnext-v2", "comfyui");

        public ServerPrefs {
            url = url == null || url.isBlank() ? null : url.trim();
            if (url != null) {
                int scheme = url.indexOf("://");
                int at = url.indexOf('@', scheme < 0 ? 0 : scheme + 3);
                int slash = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
                if (at >= 0 && (slash < 0 || at < slash)) {
                    String info = url.substring(scheme < 0 ? 0 : scheme + 3, at);
                    int colon = info.indexOf(':');
                    if (user == null || user.isBlank()) {
                        user = colon < 0 ? info : info.substring(0, colon);
                    }
                    url = (scheme < 0 ? "" : url.substring(0, scheme + 3)) + url.substring(at + 1);
                }
                while (url.endsWith("/")) {
                    url = url.substring(0, url.length() - 1);
                }
            }
            name = name == null || name.isBlank() ? (url == null ? "server" : hostOf(url)) : name.trim();
            protocol = protocol == null || !PROTOCOLS.contains(protocol.trim().toLowerCase(java.util.Locale.ROOT))
                    ? "auto" : protocol.trim().toLowerCase(java.util.Locale.ROOT);
            user = user == null || user.isBlank() ? null : user.trim();
        }

        private static String hostOf(String url) {
            int scheme = url.indexOf("://");
            String rest = scheme < 0 ? url : url.substring(scheme + 3);
            int slash = rest.indexOf('/');
            return slash < 0 ? rest : rest.substring(0, slash);
        }

        @Override
        public String toString() {
            return name + "  —  " + url + (protocol.equals("auto") ? "" : " (" + protocol + ")");
        }
    }

    /**
     * How Stepcast talks to every server.
     *
     * @param connectTimeoutSeconds how long to wait for a connection, 1–60 (default 3: a server that is down is
     *                              reported within seconds)
     * @param readTimeoutSeconds    how long to wait for one answer, 5–600 (default 30; a whole sdapi generation may
     *                              take longer)
     * @param pollMillis            the sdapi progress poll period in milliseconds, 50–5000 (default 250)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RemotePrefs(int connectTimeoutSeconds, int readTimeoutSeconds, int pollMillis) {

        public static final int DEFAULT_CONNECT_SECONDS = 3;
        public static final int DEFAULT_READ_SECONDS = 30;
        public static final int DEFAULT_POLL_MILLIS = 250;

        public RemotePrefs {
            connectTimeoutSeconds = connectTimeoutSeconds <= 0 ? DEFAULT_CONNECT_SECONDS
                    : Math.min(60, connectTimeoutSeconds);
            readTimeoutSeconds = readTimeoutSeconds <= 0 ? DEFAULT_READ_SECONDS
                    : Math.max(5, Math.min(600, readTimeoutSeconds));
            pollMillis = pollMillis <= 0 ? DEFAULT_POLL_MILLIS : Math.max(50, Math.min(5000, pollMillis));
        }

        public static RemotePrefs defaults() {
            return new RemotePrefs(0, 0, 0);
        }
    }

    /**
     * How a prompt is read, as the settings file keeps it ({@code "compat": {"longPrompt": "chunk", "emphasis":
     * "original"}}). An unknown value (a hand edit, a newer build) is read as the default and logged, never an error.
     *
     * @param longPrompt "chunk" (A1111: 75-token chunks, the default) or "truncate" (diffusers: the first 75 tokens)
     * @param emphasis   "original" (A1111's default emphasis: {@code (word:1.3)}, {@code [word]}, {@code BREAK}) or
     *                   "none" (brackets are plain text, as diffusers reads them; A1111's "None" emphasis mode)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CompatPrefs(String longPrompt, String emphasis) {

        /** The stored value of emphasis on. */
        public static final String EMPHASIS_ORIGINAL = "original";
        /** The stored value of emphasis off. */
        public static final String EMPHASIS_NONE = "none";
        private static final System.Logger LOG = System.getLogger(CompatPrefs.class.getName());

        public CompatPrefs {
            LongPrompt mode = LongPrompt.byId(longPrompt).orElse(null);
            if (mode == null && longPrompt != null) {
                LOG.log(System.Logger.Level.WARNING, "Unknown long prompt setting \"" + longPrompt + "\" in the "
                        + "settings; using \"" + LongPrompt.CHUNK.id() + "\"");
            }
            longPrompt = (mode == null ? LongPrompt.CHUNK : mode).id();
            String e = emphasis == null ? null : emphasis.strip().toLowerCase(java.util.Locale.ROOT);
            if (e != null && !e.equals(EMPHASIS_ORIGINAL) && !e.equals(EMPHASIS_NONE)) {
                LOG.log(System.Logger.Level.WARNING, "Unknown emphasis setting \"" + emphasis + "\" in the settings;"
                        + " using \"" + EMPHASIS_ORIGINAL + "\"");
                e = null;
            }
            emphasis = e == null ? EMPHASIS_ORIGINAL : e;
        }

        /** A1111's behaviour: chunked long prompts, emphasis on. */
        public static CompatPrefs defaults() {
            return new CompatPrefs(null, null);
        }

        /** The prefs for {@code mode} and emphasis {@code on}. */
        public static CompatPrefs of(LongPrompt mode, boolean on) {
            return new CompatPrefs(mode.id(), on ? EMPHASIS_ORIGINAL : EMPHASIS_NONE);
        }

        /** The long prompt mode. */
        public LongPrompt longPromptMode() {
            return LongPrompt.byId(longPrompt).orElse(LongPrompt.CHUNK);
        }

        /** Whether A1111's emphasis syntax weights tokens. */
        public boolean emphasisOn() {
            return EMPHASIS_ORIGINAL.equals(emphasis);
        }

        /** These prefs applied to {@code options} (its noise source kept). */
        public CompatOptions applyTo(CompatOptions options) {
            return options.withLongPrompt(longPromptMode()).withEmphasis(emphasisOn());
        }
    }

    /**
     * A checkpoint on one of the {@link #servers}.
     *
     * @param server     the server's name
     * @param checkpoint the checkpoint's name as the server lists it
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ServerModel(String server, String checkpoint) {
    }

    /**
     * Preview preferences (read by the previews helper's {@code PreviewSettings}).
     *
     * @param interval         show a preview every this many steps, 1–50
     * @param method           "AUTO", "APPROXIMATE", "TINY_DECODER", "FULL" or "NONE"
     * @param keepWhenInactive keep previews refreshing while the editor window is inactive
     * @param tinyDecoder      a TAESD-format decoder ONNX chosen by the user, or {@code null}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PreviewPrefs(int interval, String method, boolean keepWhenInactive, String tinyDecoder) {

        public PreviewPrefs {
            interval = Math.max(1, Math.min(50, interval));
            method = method == null || method.isBlank() ? "AUTO" : method;
            tinyDecoder = tinyDecoder == null || tinyDecoder.isBlank() ? null : tinyDecoder;
        }

        public static PreviewPrefs defaults() {
            return new PreviewPrefs(1, "AUTO", false, null);
        }

        /** The preview method this names, {@link PreviewMethod#AUTO} if it names none this build knows. */
        public PreviewMethod previewMethod() {
            try {
                PreviewMethod m = PreviewMethod.valueOf(method);
                return m == PreviewMethod.SERVER ? PreviewMethod.AUTO : m;
            } catch (IllegalArgumentException e) {
                return PreviewMethod.AUTO;
            }
        }

        /** The tiny decoder file this names, or {@code null} for the model folder's own. */
        public Path tinyDecoderFile() {
            return tinyDecoder == null ? null : Path.of(tinyDecoder);
        }

        /** The snapshot one generation uses. */
        public PreviewSettings toPreviewSettings() {
            return new PreviewSettings(interval, previewMethod(), keepWhenInactive, tinyDecoderFile());
        }
    }
}
