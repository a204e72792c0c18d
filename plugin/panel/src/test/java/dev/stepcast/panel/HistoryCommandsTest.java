package dev.stepcast.panel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.panel.parts.HistoryItem;
import dev.stepcast.testkit.Edt;
import dev.stepcast.testkit.Waits;
import java.awt.event.KeyEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.swing.Action;
import javax.swing.JButton;
import org.junit.jupiter.api.Test;

/**
 * The history's commands: one Swing Action per command shared by button, context menu item and key; Discard is
 * undoable (Ctrl+Z or the message's Undo link) and keeps the file until the session ends; Save says where it saved.
 */
class HistoryCommandsTest extends PanelGuiTest {

    @Test
    void discard_is_undoable_until_the_session_ends_and_the_menu_items_have_text() throws Exception {
        openHost();
        fastSettings(7);
        Edt.run(() -> panel.prompts.promptField().setText("snowy hills"));
        Edt.run(panel.controller()::generate);
        awaitResults(1);
        HistoryItem item = Edt.query(() -> panel.history.items().get(0));
        Path file = temp.resolve("home");
        Path png;
        try (var found = Files.walk(file)) {
            png = found.filter(p -> p.getFileName().toString().equals(item.entry().fileName())).findFirst()
                    .orElseThrow();
        }

        Edt.run(() -> panel.history.scrollRectToVisible(new java.awt.Rectangle(panel.history.getSize())));
        robot().waitForIdle();
        var menu = window.list("history").showPopupMenuAt(0);
        assertThat(menu.menuLabels()).containsExactly("Apply", "Save as PNG…", "Reuse", "Copy parameters",
                "Discard");
        robot().pressAndReleaseKey(KeyEvent.VK_ESCAPE);
        assertThat(Edt.query(() -> panel.history.commands().stream()
                .map(a -> (String) a.getValue(Action.NAME)).toList()))
                .containsExactly("Apply", "Save as PNG…", "Reuse", "Copy parameters", "Discard");
        assertThat(Edt.query(() -> ((JButton) robot().finder().findByName("discardResult")).getAction()))
                .isSameAs(Edt.query(() -> panel.history.commands().get(4)));

        window.list("history").focus().selectItem(0);
        robot().pressAndReleaseKey(KeyEvent.VK_DELETE);
        assertThat(Edt.query(() -> panel.history.items())).isEmpty();
        assertThat(png).exists();
        assertThat(Edt.query(panel.messages::message)).isEqualTo("Discarded \"snowy hills — seed 7\". Ctrl+Z or "
                + "Undo brings it back until Stepcast closes.");
        assertThat(Edt.query(() -> robot().finder().findByName("messageAction", JButton.class).getText()))
                .isEqualTo("Undo");

        window.button("generate").focus();
        robot().pressKey(KeyEvent.VK_CONTROL);
        robot().pressAndReleaseKey(KeyEvent.VK_Z);
        robot().releaseKey(KeyEvent.VK_CONTROL);
        assertThat(Edt.query(() -> panel.history.items().stream().map(i -> i.entry().id()).toList()))
                .containsExactly(item.entry().id());
        assertThat(Edt.query(panel.messages::message)).isEqualTo("Restored \"snowy hills — seed 7\".");

        window.list("history").selectItem(0);
        window.button("discardResult").click();
        assertThat(Edt.query(() -> panel.history.items())).isEmpty();
        window.button("messageAction").click();
        assertThat(Edt.query(() -> panel.history.items().stream().map(i -> i.entry().id()).toList()))
                .containsExactly(item.entry().id());
        assertThat(Edt.query(() -> panel.controller().undoDiscardAction().isEnabled())).isEqualTo(false);

        Path target = temp.resolve("saved").resolve("fox.png");
        Files.createDirectories(target.getParent());
        Edt.run(() -> panel.controller().results().saveTo(item, target));
        Waits.until("the save is confirmed", () -> panel.messages.message().startsWith("Saved"));
        assertThat(Edt.query(panel.messages::message)).isEqualTo("Saved fox.png in " + target.getParent());
        assertThat(Files.readAllBytes(target)).isEqualTo(Files.readAllBytes(png));
        try (var left = Files.list(target.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).isEqualTo(List.of("fox.png"));
        }

        window.list("history").selectItem(0);
        window.button("discardResult").click();
        assertThat(png).exists();
        closeHost();
        assertThat(png).doesNotExist();
    }
}
