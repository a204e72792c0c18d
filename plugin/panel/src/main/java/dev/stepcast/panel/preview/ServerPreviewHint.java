package dev.stepcast.panel.preview;

import java.util.Locale;

/**
 * The one line that tells a painter why a server sends no previews and what to change on the server.
 *
 * <p><b>Threads:</b> stateless.
 */
public final class ServerPreviewHint {

    private ServerPreviewHint() {
    }

    /** The hint for {@code backend}: by its protocol when it is a server backend, else by its description. */
    public static String forBackend(dev.stepcast.engine.Backend backend) {
        if (backend instanceof dev.stepcast.engine.remote.RemoteBackend remote) {
            return switch (remote.protocol()) {
                case COMFYUI -> forServer("ComfyUI");
                case SDNEXT_V2 -> "The server sends no previews — turn on live previews in SD.Next's settings "
                        + "(Live previews, with a preview method other than none).";
                default -> forServer(backend.describe());
            };
        }
        return forServer(backend.describe());
    }

    /** The hint for the server {@code description} names ({@link dev.stepcast.engine.Backend#describe()}). */
    public static String forServer(String description) {
        String d = description == null ? "" : description.toLowerCase(Locale.ROOT);
        if (d.contains("comfyui")) {
            return "The server sends no previews — start ComfyUI with --preview-method auto.";
        }
        return "The server sends no previews — turn on \u201cShow live previews of the created image\u201d in its "
                + "settings (Live previews).";
    }
}
