package dev.stepcast.icons;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLightLaf;
import com.formdev.flatlaf.extras.FlatSVGIcon;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.swing.UIManager;
import javax.swing.UnsupportedLookAndFeelException;

/**
 * Review tool, not a test: draws every icon at 16 px, 32 px, 16 px zoomed ×4 and disabled, in light then dark, plus
 * the app icon sizes, into one PNG for a human to look at. Usage: {@code ContactSheet <out.png>}. Thread: main only.
 */
public final class ContactSheet {

    private static final int CELL = 72;

    private ContactSheet() {
    }

    public static void main(String[] args) throws IOException, UnsupportedLookAndFeelException {
        System.setProperty("java.awt.headless", "true");
        StepcastIcon[] icons = StepcastIcon.values();
        int columns = 8;
        BufferedImage sheet = new BufferedImage(columns * CELL, (icons.length + 3) * CELL, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        for (int theme = 0; theme < 2; theme++) {
            UIManager.setLookAndFeel(theme == 0 ? new FlatLightLaf() : new FlatDarkLaf());
            g.setColor(UIManager.getColor("Panel.background"));
            g.fillRect(theme * 4 * CELL, 0, 4 * CELL, sheet.getHeight());
            for (int row = 0; row < icons.length; row++) {
                int x = theme * 4 * CELL;
                int y = row * CELL;
                FlatSVGIcon small = StepcastIcons.get(icons[row], 16);
                small.paintIcon(null, g, x + 28, y + 28);
                StepcastIcons.get(icons[row], 32).paintIcon(null, g, x + CELL + 20, y + 20);
                g.drawImage(IconRenderingTest.paint(small, 16), x + 2 * CELL + 4, y + 4, 64, 64, null);
                ((FlatSVGIcon) small.getDisabledIcon()).paintIcon(null, g, x + 3 * CELL + 28, y + 28);
            }
        }
        g.setColor(Color.WHITE);
        g.fillRect(0, icons.length * CELL, sheet.getWidth(), 3 * CELL);
        int x = 8;
        for (Image image : StepcastIcons.appImages()) {
            int size = image.getWidth(null);
            if (size > 128) {
                continue;
            }
            g.drawImage(image, x, icons.length * CELL + 8, null);
            x += size + 12;
        }
        g.dispose();
        ImageIO.write(sheet, "png", Path.of(args[0]).toFile());
    }
}
