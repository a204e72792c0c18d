package dev.stepcast.panel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.hoststub.Layer;
import dev.stepcast.testkit.Edt;
import dev.stepcast.testkit.Waits;
import java.awt.Rectangle;
import java.awt.event.KeyEvent;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Prompt → Generate (Ctrl+Enter) → progress → history → Apply → a new layer in the host stub, at the selection. */
class GenerateAndApplyTest extends PanelGuiTest {

    @Test
    void should_generate_into_the_history_and_apply_as_a_named_layer_at_the_selection() {
        openHost();
        Edt.run(() -> {
            stub.openDocument(new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB), "canvas");
            stub.activeDocument().setSelection(new Rectangle(40, 30, 200, 150));
        });
        fastSettings(1234);
        window.textBox("prompt").enterText("sunset over the sea");
        List<String> progressSeen = new ArrayList<>();
        Edt.run(() -> panel.actions.progressBar().addPropertyChangeListener("string",
                e -> progressSeen.add(String.valueOf(e.getNewValue()))));
        ctrlEnter();

        awaitResults(1);

        assertThat(Edt.query(() -> List.copyOf(progressSeen)))
                .as("progress shows step i/N with speed and ETA (updates are coalesced, so which steps show varies)")
                .anySatisfy(s -> assertThat(s).matches("Step [1-6]/6 · [0-9.]+ (it/s|s/it) · ETA .*"));
        assertThat(Edt.query(() -> panel.actions.progressBar().getString())).isEqualTo("Done");
        assertThat(Edt.query(() -> panel.preview.isShowingResult()))
                .as("panel.preview.isShowingResult()").isEqualTo(true);
        int layersBefore = Edt.query(() -> stub.activeDocument().layers().size());

        Edt.run(() -> panel.history.historyList().ensureIndexIsVisible(0));
        window.list("history").selectItem(0);
        click("applyResult");

        Waits.until("a new layer", () -> stub.activeDocument().layers().size() == layersBefore + 1);
        Layer layer = Edt.query(() -> stub.activeDocument().layers().stream()
                .filter(l -> l.name().startsWith("sunset")).findFirst().orElseThrow());
        assertThat(layer.name()).isEqualTo("sunset over the sea (1234)");
        assertThat(layer.x()).isEqualTo(40);
        assertThat(layer.y()).isEqualTo(30);
        assertThat(layer.image().getWidth()).isEqualTo(200);
        assertThat(layer.image().getHeight()).isEqualTo(150);
        Waits.until("the result is marked applied", () -> panel.history.items().get(0).entry().applied());
    }
}
