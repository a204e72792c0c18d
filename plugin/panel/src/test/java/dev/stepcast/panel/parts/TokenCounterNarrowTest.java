package dev.stepcast.panel.parts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.testkit.Edt;
import dev.stepcast.testkit.GuiTest;
import java.awt.Rectangle;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

/**
 * The longest counter text ("178/75 truncated") fits a 280-px prompt area next to "Negative prompt", nothing cut;
 * its tooltip and accessible name say why the tokens after the 75th are dropped.
 */
class TokenCounterNarrowTest extends GuiTest {

    @Test
    void a_truncated_count_fits_at_280_px_and_says_why() {
        JFrame frame = Edt.query(() -> {
            JFrame f = new JFrame("counter");
            PromptArea area = new PromptArea();
            area.setTokenCounts(text -> PromptArea.TokenCount.truncated(178, "Long prompts are set to truncate"));
            f.setContentPane(area);
            f.setSize(280 + f.getInsets().left + f.getInsets().right, 300);
            f.setVisible(true);
            return f;
        });
        robot().waitForIdle();
        PromptArea area = (PromptArea) frame.getContentPane();
        for (String name : new String[] {"promptTokens", "negativePromptTokens"}) {
            JLabel label = robot().finder().findByName(frame, name, JLabel.class, false);
            Rectangle bounds = Edt.query(() -> SwingUtilities.convertRectangle(label.getParent(), label.getBounds(),
                    area));
            assertThat(Edt.query(label::getText)).isEqualTo("178/75 truncated");
            assertThat(bounds.width).as("%s's width", name).isGreaterThanOrEqualTo(
                    Edt.query(() -> label.getPreferredSize().width));
            assertThat(bounds.x + bounds.width).as("%s's right edge", name).isLessThanOrEqualTo(
                    Edt.query(area::getWidth));
            assertThat(Edt.<String>query(label::getToolTipText)).isEqualTo("Long prompts are set to truncate");
            assertThat(Edt.query(() -> label.getAccessibleContext().getAccessibleName()))
                    .isEqualTo("178 tokens; only the first 75 are used");
        }
        assertThat(Edt.query(() -> area.getWidth())).isLessThanOrEqualTo(280);
    }
}
