package dev.stepcast.engine.demo;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * Renders the demo model's training scenes with Java2D: one square picture of a {@link SceneFamily} per seed, with
 * randomised layout (horizon, sun and moon position, ridge shapes) and palette. Deterministic: the same family, seed
 * and size always give the same pixels (no fonts, no system-dependent paints).
 *
 * <p><b>Threads:</b> stateless; safe to call from several threads.
 */
final class SceneRenderer {

    /** Standard deviation (radians) of a ridge harmonic's phase around its layer's fixed layout. */
    private static final double PHASE_JITTER = 0.25;

    private SceneRenderer() {
    }

    /** A {@code size}×{@code size} RGB render of {@code family} for {@code seed}. */
    static BufferedImage render(SceneFamily family, long seed, int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
            g.scale(size, size); // draw in unit coordinates
            Random r = new Random(seed * 0x9E3779B97F4A7C15L + family.ordinal());
            switch (family) {
                case SUNSET_SEA -> sunsetSea(g, r);
                case MOUNTAINS_DAY -> mountainsDay(g, r);
                case NIGHT_SKY -> nightSky(g, r);
                case SNOWY_HILLS -> snowyHills(g, r);
                case DESERT_DUNES -> desertDunes(g, r);
                case FOREST -> forest(g, r);
                case SNOWY_NIGHT -> snowyNight(g, r);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void sunsetSea(Graphics2D g, Random r) {
        double horizon = 0.56 + 0.04 * r.nextDouble();
        double warm = r.nextDouble();
        Color top = mix(new Color(40, 30, 90), new Color(70, 40, 110), warm);
        Color mid = mix(new Color(200, 80, 120), new Color(230, 90, 60), warm);
        Color low = mix(new Color(255, 170, 90), new Color(255, 200, 80), r.nextDouble());
        vertical(g, 0, horizon, jitter(top, r), jitter(mid, r), jitter(low, r));
        double sunX = 0.47 + 0.06 * r.nextDouble();
        double sunR = 0.055 + 0.015 * r.nextDouble();
        double sunY = horizon - sunR * (0.5 + 0.6 * r.nextDouble());
        glow(g, sunX, sunY, 0.45, new Color(255, 190, 110, 150));
        for (int i = 0, n = 2 + r.nextInt(3); i < n; i++) {
            double y = horizon * (0.2 + 0.6 * r.nextDouble());
            g.setColor(new Color(120, 50, 90, 70 + r.nextInt(60)));
            g.fill(new Ellipse2D.Double(r.nextDouble() - 0.3, y, 0.4 + 0.4 * r.nextDouble(), 0.02 + 0.02 * r.nextDouble()));
        }
        g.setColor(new Color(255, 235, 170));
        g.fill(new Ellipse2D.Double(sunX - sunR, sunY - sunR, 2 * sunR, 2 * sunR));
        vertical(g, horizon, 1, jitter(mix(low, mid, 0.5).darker(), r), jitter(new Color(60, 30, 80), r),
                jitter(new Color(20, 15, 50), r));
        g.setColor(new Color(255, 200, 120, 150));
        for (double y = horizon + 0.01; y < 1; y += 0.025) {
            double w = sunR * (1.2 + 3 * (y - horizon)) * (0.7 + 0.6 * r.nextDouble());
            g.fill(new Rectangle2D.Double(sunX - w, y, 2 * w, 0.008));
        }
    }

    private static void mountainsDay(Graphics2D g, Random r) {
        double horizon = 0.58 + 0.04 * r.nextDouble();
        vertical(g, 0, 1, jitter(new Color(40, 100, 200), r), jitter(new Color(110, 165, 230), r),
                jitter(new Color(200, 225, 245), r));
        for (int i = 0, n = 2 + r.nextInt(3); i < n; i++) {
            cloud(g, r, r.nextDouble(), 0.08 + 0.25 * r.nextDouble(), 0.08 + 0.08 * r.nextDouble());
        }
        double farBase = horizon - 0.05;
        Shape far = ridge(farBase, 0.14 + 0.06 * r.nextDouble(), 1.7 + 0.2 * r.nextDouble(), r, true, 101);
        g.setColor(jitter(new Color(110, 125, 160), r));
        g.fill(far);
        Shape oldClip = g.getClip();
        g.clip(new Rectangle2D.Double(0, 0, 1, farBase - 0.12 - 0.05 * r.nextDouble()));
        g.setColor(new Color(245, 248, 255));
        g.fill(far);
        g.setClip(oldClip);
        g.setColor(jitter(new Color(45, 85, 65), r));
        g.fill(ridge(horizon + 0.05, 0.07 + 0.04 * r.nextDouble(), 2.4 + 0.3 * r.nextDouble(), r, true, 102));
        g.setColor(jitter(new Color(70, 140, 60), r));
        g.fill(ridge(horizon + 0.15 + 0.05 * r.nextDouble(), 0.03, 1.2, r, false, 103));
        vertical(g, horizon + 0.3, 1, jitter(new Color(80, 150, 60), r), jitter(new Color(60, 120, 45), r),
                jitter(new Color(45, 95, 35), r));
    }

    private static void nightSky(Graphics2D g, Random r) {
        double horizon = 0.71 + 0.04 * r.nextDouble();
        Color low = mix(new Color(30, 50, 110), new Color(60, 40, 100), r.nextDouble());
        vertical(g, 0, 1, jitter(new Color(5, 8, 25), r), jitter(new Color(12, 20, 55), r), jitter(low, r));
        // Three fixed star fields in random proportions: brightness varies, positions form a small linear family.
        double[] weights = {r.nextDouble(), r.nextDouble(), r.nextDouble()};
        for (int field = 0; field < 3; field++) {
            Random stars = new Random(1000 + field);
            for (int i = 0; i < 60; i++) {
                double x = stars.nextDouble();
                double y = stars.nextDouble() * horizon;
                double s = 0.004 + 0.006 * stars.nextDouble();
                int alpha = (int) (255 * weights[field] * (0.5 + 0.5 * stars.nextDouble()));
                g.setColor(new Color(255, 250, 230, Math.min(255, alpha)));
                g.fill(new Ellipse2D.Double(x - s, y - s, 2 * s, 2 * s));
            }
        }
        double moonX = 0.68 + 0.04 * r.nextDouble();
        double moonY = 0.2 + 0.03 * r.nextDouble();
        double moonR = 0.065 + 0.01 * r.nextDouble();
        glow(g, moonX, moonY, 0.3, new Color(160, 180, 230, 110));
        g.setColor(new Color(245, 242, 220));
        g.fill(new Ellipse2D.Double(moonX - moonR, moonY - moonR, 2 * moonR, 2 * moonR));
        g.setColor(new Color(205, 205, 195));
        g.fill(new Ellipse2D.Double(moonX - 0.4 * moonR, moonY - 0.3 * moonR, 0.6 * moonR, 0.5 * moonR));
        g.setColor(jitter(new Color(15, 20, 35), r));
        g.fill(ridge(horizon, 0.05 + 0.04 * r.nextDouble(), 1.5, r, false, 104));
        g.setColor(new Color(5, 8, 15));
        g.fill(ridge(horizon + 0.1, 0.03, 2, r, false, 105));
    }

    /** Snowy hills under a night sky: the day scene in moonlight (a dark blue wash), stars and a moon above. */
    private static void snowyNight(Graphics2D g, Random r) {
        snowyHills(g, r);
        double horizon = 0.4;
        g.setColor(new Color(8, 14, 45, 205));
        g.fill(new Rectangle2D.Double(0, 0, 1, 1));
        Random stars = new Random(2000);
        double brightness = 0.5 + 0.5 * r.nextDouble();
        for (int i = 0; i < 50; i++) {
            double x = stars.nextDouble();
            double y = stars.nextDouble() * horizon * 0.9;
            double size = 0.004 + 0.005 * stars.nextDouble();
            g.setColor(new Color(255, 250, 230, (int) (255 * brightness * (0.5 + 0.5 * stars.nextDouble()))));
            g.fill(new Ellipse2D.Double(x - size, y - size, 2 * size, 2 * size));
        }
        double moonX = 0.25 + 0.05 * r.nextDouble();
        double moonY = 0.16 + 0.03 * r.nextDouble();
        double moonR = 0.05 + 0.01 * r.nextDouble();
        glow(g, moonX, moonY, 0.25, new Color(160, 180, 230, 100));
        g.setColor(new Color(245, 242, 220));
        g.fill(new Ellipse2D.Double(moonX - moonR, moonY - moonR, 2 * moonR, 2 * moonR));
    }

    private static void snowyHills(Graphics2D g, Random r) {
        double horizon = 0.49 + 0.04 * r.nextDouble();
        Color low = mix(new Color(230, 235, 245), new Color(250, 215, 200), r.nextDouble());
        vertical(g, 0, 1, jitter(new Color(120, 160, 215), r), jitter(new Color(185, 205, 235), r),
                jitter(low, r));
        glow(g, 0.3 + 0.15 * r.nextDouble(), horizon - 0.2 - 0.05 * r.nextDouble(), 0.18, new Color(255, 250, 235, 170));
        Color[] layers = {new Color(190, 205, 230), new Color(220, 228, 242), new Color(245, 248, 253)};
        for (int i = 0; i < 3; i++) {
            double base = horizon + 0.02 + 0.15 * i + 0.04 * r.nextDouble();
            Shape hill = ridge(base, 0.06, 0.7 + 0.2 * r.nextDouble(), r, false, 110 + i);
            Rectangle2D bounds = hill.getBounds2D();
            g.setPaint(new LinearGradientPaint(new Point2D.Double(0, bounds.getMinY()),
                    new Point2D.Double(0, Math.min(1, bounds.getMinY() + 0.25)), new float[] {0f, 1f},
                    new Color[] {jitter(layers[i], r), jitter(mix(layers[i], new Color(150, 170, 210), 0.45), r)}));
            g.fill(hill);
        }
    }

    private static void desertDunes(Graphics2D g, Random r) {
        double horizon = 0.49 + 0.04 * r.nextDouble();
        double warm = r.nextDouble();
        Color top = mix(new Color(50, 110, 200), new Color(90, 70, 140), warm * warm);
        Color low = mix(new Color(235, 225, 190), new Color(255, 170, 100), warm);
        vertical(g, 0, 1, jitter(top, r), jitter(mix(top, low, 0.6), r), jitter(low, r));
        double sunX = 0.68 + 0.04 * r.nextDouble();
        double sunY = horizon * 0.45 + 0.02 * r.nextDouble();
        glow(g, sunX, sunY, 0.3, new Color(255, 240, 200, 150));
        g.setColor(new Color(255, 250, 225));
        g.fill(new Ellipse2D.Double(sunX - 0.035, sunY - 0.035, 0.07, 0.07));
        Color sand = mix(new Color(225, 170, 95), new Color(215, 120, 60), warm);
        for (int i = 0; i < 3; i++) {
            double base = horizon + 0.03 + 0.17 * i + 0.04 * r.nextDouble();
            Shape dune = ridge(base, 0.04 + 0.02 * i, 0.8 + 0.2 * r.nextDouble(), r, true, 120 + i);
            Rectangle2D bounds = dune.getBounds2D();
            Color lit = jitter(mix(sand, new Color(250, 215, 150), 0.5 - 0.2 * i), r);
            Color shade = jitter(mix(sand, new Color(120, 60, 40), 0.45), r);
            g.setPaint(new LinearGradientPaint(new Point2D.Double(r.nextDouble() * 0.3, bounds.getMinY()),
                    new Point2D.Double(1 - r.nextDouble() * 0.3, bounds.getMinY() + 0.3), new float[] {0f, 1f},
                    new Color[] {lit, shade}));
            g.fill(dune);
        }
    }

    private static void forest(Graphics2D g, Random r) {
        double horizon = 0.4 + 0.05 * r.nextDouble();
        Color sky = mix(new Color(120, 175, 225), new Color(200, 210, 205), r.nextDouble());
        vertical(g, 0, 1, jitter(sky.darker(), r), jitter(sky, r), jitter(sky.brighter(), r));
        Color haze = mix(sky, Color.WHITE, 0.3);
        Color green = jitter(mix(new Color(30, 90, 40), new Color(60, 100, 30), r.nextDouble()), r);
        for (int row = 0; row < 4; row++) {
            double depth = row / 3.0;
            double base = horizon + 0.12 + 0.22 * row + 0.03 * r.nextDouble();
            Color c = mix(haze, green, 0.35 + 0.65 * depth);
            g.setColor(c);
            g.fill(new Rectangle2D.Double(0, base - 0.02, 1, 1));
            trees(g, r, base, 14 - 2 * row, 0.5 * (row % 2), 0.12 + 0.14 * depth, mix(c, Color.BLACK, 0.2 * depth));
        }
        vertical(g, 0.9, 1, jitter(new Color(40, 60, 25), r), jitter(new Color(35, 50, 20), r),
                jitter(new Color(30, 40, 18), r));
    }

    /**
     * A filled mountain or hill silhouette from {@code base} down to the bottom edge: three sine harmonics of
     * decaying amplitude; {@code peaked} folds them ({@code 1 − 2|sin|}) into sharp crests and round troughs.
     * {@code layout} names the layer (its fixed phases).
     */
    private static Shape ridge(double base, double amplitude, double roughness, Random r, boolean peaked,
                               int layout) {
        // Phases vary around a layout fixed per layer: shapes differ from picture to picture by shifts that a
        // low-rank Gaussian can represent, rather than by unrelated ridges that would average into a blur.
        Random fixed = new Random(layout);
        double[] phase = new double[3];
        for (int k = 0; k < 3; k++) {
            phase[k] = fixed.nextDouble() * 6.3 + PHASE_JITTER * r.nextGaussian();
        }
        double[] freq = {roughness * (0.9 + 0.2 * r.nextDouble()), roughness * (2.2 + 0.3 * r.nextDouble()),
                roughness * (4.6 + 0.5 * r.nextDouble())};
        double[] weight = {1, 0.35, 0.12};
        Path2D.Double path = new Path2D.Double();
        path.moveTo(0, 1.01);
        for (int i = 0; i <= 128; i++) {
            double x = i / 128.0;
            double v = 0;
            for (int k = 0; k < 3; k++) {
                double s = Math.sin(Math.PI * freq[k] * x + phase[k]);
                v += weight[k] * (peaked ? 1 - 2 * Math.abs(s) : s);
            }
            path.lineTo(x, base - amplitude * v);
        }
        path.lineTo(1, 1.01);
        path.closePath();
        return path;
    }

    /** A row of pines on a regular spacing (shifted by {@code offset} spacings) with a little jitter. */
    private static void trees(Graphics2D g, Random r, double base, int count, double offset, double height,
                              Color color) {
        g.setColor(color);
        for (int i = -1; i <= count; i++) {
            double x = (i + offset + 0.4 + 0.2 * r.nextDouble()) / count;
            double h = height * (0.7 + 0.6 * r.nextDouble());
            double w = h * 0.35;
            Path2D.Double tree = new Path2D.Double();
            tree.moveTo(x, base - h);
            tree.lineTo(x - w, base + 0.01);
            tree.lineTo(x + w, base + 0.01);
            tree.closePath();
            g.fill(tree);
        }
    }

    private static void cloud(Graphics2D g, Random r, double x, double y, double size) {
        g.setComposite(AlphaComposite.SrcOver);
        for (int i = 0; i < 5; i++) {
            double dx = (r.nextDouble() - 0.5) * size * 2;
            double dy = (r.nextDouble() - 0.5) * size * 0.4;
            double s = size * (0.5 + 0.5 * r.nextDouble());
            glow(g, x + dx, y + dy, s, new Color(255, 255, 255, 200));
        }
    }

    private static void glow(Graphics2D g, double x, double y, double radius, Color color) {
        Color clear = new Color(color.getRed(), color.getGreen(), color.getBlue(), 0);
        g.setPaint(new RadialGradientPaint(new Point2D.Double(x, y), (float) radius, new float[] {0f, 1f},
                new Color[] {color, clear}));
        g.fill(new Ellipse2D.Double(x - radius, y - radius, 2 * radius, 2 * radius));
    }

    /** A vertical three-stop gradient filling the band [y0, y1]. */
    private static void vertical(Graphics2D g, double y0, double y1, Color top, Color mid, Color bottom) {
        g.setPaint(new LinearGradientPaint(new Point2D.Double(0, y0), new Point2D.Double(0, y1),
                new float[] {0f, 0.55f, 1f}, new Color[] {top, mid, bottom}));
        g.fill(new Rectangle2D.Double(0, y0, 1, y1 - y0 + 0.005));
    }

    private static Color mix(Color a, Color b, double t) {
        return new Color(lerp(a.getRed(), b.getRed(), t), lerp(a.getGreen(), b.getGreen(), t),
                lerp(a.getBlue(), b.getBlue(), t), lerp(a.getAlpha(), b.getAlpha(), t));
    }

    private static int lerp(int a, int b, double t) {
        return (int) Math.round(a + (b - a) * Math.max(0, Math.min(1, t)));
    }

    private static Color jitter(Color c, Random r) {
        return new Color(clamp(c.getRed() + r.nextGaussian() * 12), clamp(c.getGreen() + r.nextGaussian() * 12),
                clamp(c.getBlue() + r.nextGaussian() * 12), c.getAlpha());
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
