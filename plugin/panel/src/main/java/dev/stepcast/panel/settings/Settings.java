package dev.stepcast.panel.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
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
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Settings(int version, PreviewPrefs preview, String executionProvider, List<String> modelFolders,
                       String selectedModel, int historyLimitMb, FormState form) {

    /** The format version this build writes and reads. */
    public static final int CURRENT_VERSION = 1;
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
    }

    /** The settings of a first run. */
    public static Settings defaults() {
        return new Settings(CURRENT_VERSION, null, null, null, null, 0, null);
    }

    public Settings withPreview(PreviewPrefs p) {
        return new Settings(version, p, executionProvider, modelFolders, selectedModel, historyLimitMb, form);
    }

    public Settings withExecutionProvider(String p) {
        return new Settings(version, preview, p, modelFolders, selectedModel, historyLimitMb, form);
    }

    public Settings withModelFolders(List<String> folders) {
        return new Settings(version, preview, executionProvider, folders, selectedModel, historyLimitMb, form);
    }

    /** Selects a model folder ({@code null} = demo model) and moves it to the front of the recent folders. */
    public Settings withSelectedModel(String folder) {
        List<String> folders = modelFolders;
        if (folder != null) {
            folders = new java.util.ArrayList<>(modelFolders);
            folders.remove(folder);
            folders.add(0, folder);
        }
        return new Settings(version, preview, executionProvider, folders, folder, historyLimitMb, form);
    }

    public Settings withHistoryLimitMb(int mb) {
        return new Settings(version, preview, executionProvider, modelFolders, selectedModel, mb, form);
    }

    public Settings withForm(FormState f) {
        return new Settings(version, preview, executionProvider, modelFolders, selectedModel, historyLimitMb, f);
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
