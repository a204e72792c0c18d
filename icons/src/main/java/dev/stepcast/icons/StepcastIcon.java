package dev.stepcast.icons;

/**
 * The icons drawn for Stepcast. Each constant names one SVG file in {@code dev/stepcast/icons/} of this jar.
 *
 * <p>Action icons are 16 × 16 line icons (1 px stroke, round caps and joins) in the IntelliJ/FlatLaf action palette
 * ({@code Actions.Grey #6E6E6E}, {@code Actions.Green #59A869}, {@code Actions.Red #DB5860},
 * {@code Actions.Blue #389FD6}, {@code Actions.Yellow #EDA200}). FlatLaf's global {@code FlatSVGIcon.ColorFilter}
 * maps exactly these colours to the current theme's {@code Actions.*} UI colours, so they need no {@code _dark} file.
 * Icons with colours outside that palette (the Stepcast tile) ship a {@code name_dark.svg} variant, which
 * {@code FlatSVGIcon} loads instead when {@code FlatLaf.isLafDark()}.
 *
 * <p>Immutable; usable from any thread.
 */
public enum StepcastIcon {
    /** Start a generation. */
    GENERATE("generate"),
    /** Cancel the running generation. */
    CANCEL("cancel"),
    /** Apply the result to the active document as a new layer. */
    APPLY("apply"),
    /** Discard the result. */
    DISCARD("discard"),
    /** Save the image to a file. */
    SAVE("save"),
    /** Open the settings. */
    SETTINGS("settings"),
    /** Choose the model folder. */
    MODEL_FOLDER("model-folder"),
    /** Random seed (a die). */
    SEED("seed"),
    /** Reuse the parameters of an earlier image. */
    REUSE("reuse"),
    /** Live previews are on. */
    PREVIEW("preview"),
    /** Live previews are off. */
    PREVIEW_OFF("preview-off"),
    /** History of generated images. */
    HISTORY("history"),
    /** The Stepcast plugin icon hinted for 16–24 px (tabs, menus); has a dark variant. */
    STEPCAST("stepcast", true),
    /** The detailed Stepcast application icon for 32 px and up (64 × 64 view box). */
    APP("stepcast-app");

    /** Folder of the SVG files inside the jar, without a leading slash (as {@link ClassLoader#getResource} wants). */
    public static final String FOLDER = "dev/stepcast/icons/";

    private final String fileName;
    private final boolean hasDarkVariant;

    StepcastIcon(String baseName) {
        this(baseName, false);
    }

    StepcastIcon(String baseName, boolean hasDarkVariant) {
        this.fileName = baseName + ".svg";
        this.hasDarkVariant = hasDarkVariant;
    }

    /** The SVG file name, e.g. {@code "model-folder.svg"}. */
    public String fileName() {
        return fileName;
    }

    /** The class-loader resource path, e.g. {@code "dev/stepcast/icons/model-folder.svg"} (no leading slash). */
    public String resourcePath() {
        return FOLDER + fileName;
    }

    /** Whether a {@code name_dark.svg} file exists for dark themes. */
    public boolean hasDarkVariant() {
        return hasDarkVariant;
    }
}
