package dev.stepcast.panel.parts;

import java.nio.file.Path;

/**
 * An entry of the model picker. Models on this computer: the built-in demo model or a model folder. Models on a
 * server: one of its checkpoints. And lines that are not models: a group header ("This computer", a server's name)
 * and a server's note ("down: connection refused", "listing…", "password needed").
 *
 * <p>Immutable.
 *
 * @param label      what the picker shows
 * @param folder     the diffusers ONNX folder of a {@link Kind#FOLDER}, else {@code null}
 * @param server     the server's name of {@link Kind#SERVER_CHECKPOINT}, {@link Kind#SERVER_NOTE} and a server's
 *                   {@link Kind#HEADER}, else {@code null}
 * @param checkpoint the checkpoint's name as the server lists it ({@link Kind#SERVER_CHECKPOINT}), else {@code null}
 * @param kind       what the entry is
 */
public record ModelChoice(String label, Path folder, String server, String checkpoint, Kind kind) {

    /** What an entry is. */
    public enum Kind {
        /** The built-in demo model (this computer). */
        DEMO,
        /** A model folder (this computer). */
        FOLDER,
        /** A group title; not selectable. */
        HEADER,
        /** A checkpoint on a server. */
        SERVER_CHECKPOINT,
        /** One line about a server that lists nothing (down, listing, password needed); picking it acts on it. */
        SERVER_NOTE
    }

    /** The group title of the models on this computer. */
    public static final String THIS_COMPUTER = "This computer";

    /** A demo ({@code folder == null}) or folder entry, as before servers existed. */
    public ModelChoice(String label, Path folder) {
        this(label, folder, null, null, folder == null ? Kind.DEMO : Kind.FOLDER);
    }

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

    /** A group title: {@link #THIS_COMPUTER} ({@code server == null}) or a server's name. */
    public static ModelChoice header(String title, String server) {
        return new ModelChoice(title, null, server, null, Kind.HEADER);
    }

    /** A checkpoint {@code checkpoint} on the server named {@code server}. */
    public static ModelChoice serverCheckpoint(String server, String checkpoint) {
        return new ModelChoice(checkpoint, null, server, checkpoint, Kind.SERVER_CHECKPOINT);
    }

    /** A one-line note about the server named {@code server}. */
    public static ModelChoice serverNote(String server, String note) {
        return new ModelChoice(note, null, server, null, Kind.SERVER_NOTE);
    }

    public boolean isDemo() {
        return kind == Kind.DEMO;
    }

    /** Whether this is a model on this computer (demo or folder). */
    public boolean isLocal() {
        return kind == Kind.DEMO || kind == Kind.FOLDER;
    }

    /** Whether this is a checkpoint on a server. */
    public boolean isServerCheckpoint() {
        return kind == Kind.SERVER_CHECKPOINT;
    }

    /** Whether picking this selects a model (not a header or a note). */
    public boolean isModel() {
        return isLocal() || isServerCheckpoint();
    }

    /** The name shown in the closed picker: a server checkpoint also names its server. */
    public String selectedLabel() {
        return kind == Kind.SERVER_CHECKPOINT ? checkpoint + "  —  " + server : label;
    }

    @Override
    public String toString() {
        return selectedLabel();
    }
}
