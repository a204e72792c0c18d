package dev.stepcast.panel.parts;

import java.nio.file.Path;

/**
 * An entry of the model picker: the built-in demo model ({@code folder == null}) or a model folder.
 *
 * <p>Immutable.
 *
 * @param label  what the picker shows
 * @param folder the diffusers ONNX folder, or {@code null} for the demo model
 */
public record ModelChoice(String label, Path folder) {

    /** The demo model's entry, labelled with {@code displayName}. */
    public static ModelChoice demo(String displayName) {
        return new ModelChoice(displayName, null);
    }

    /** A folder's entry, labelled with the folder's name and its parent. */
    public static ModelChoice folder(Path folder) {
        Path name = folder.getFileName();
        Path parent = folder.getParent();
        return new ModelChoice((name == null ? folder.toString() : name.toString())
                + (parent == null ? "" : "  —  " + parent), folder);
    }

    public boolean isDemo() {
        return folder == null;
    }

    @Override
    public String toString() {
        return label;
    }
}
