package dev.stepcast.panel.png;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes and reads the text A1111 (stable-diffusion-webui) stores in a PNG's {@code parameters} chunk:
 * <pre>
 * a red fox in the snow
 * Negative prompt: blurry
 * Steps: 20, Sampler: Euler a, CFG scale: 7.5, Seed: 42, Size: 512x512, Model: Demo model (procedural scenes)
 * </pre>
 * The rules follow A1111's {@code create_infotext} (values holding ',', ':' or a newline are JSON-quoted) and
 * {@code parse_generation_parameters} (the last line holds the "Key: value" pairs when it has at least three of them;
 * every line before "Negative prompt:" is the prompt).
 *
 * <p>Stateless; any thread.
 */
public final class A1111Format {

    /** A1111's {@code re_param_code}: a key, a colon, then a quoted string or anything up to the next comma. */
    private static final Pattern PARAM = Pattern.compile("\\s*(\\w[\\w \\-/]+):\\s*(\"(?:\\\\.|[^\\\\\"])+\"|[^,]*)(?:,|$)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)x(\\d+)");
    private static final String NEGATIVE = "Negative prompt:";

    private A1111Format() {
    }

    /** The A1111 text for {@code p}. */
    public static String format(GenerationParameters p) {
        Map<String, String> pairs = new LinkedHashMap<>();
        pairs.put("Steps", Integer.toString(p.steps()));
        if (p.sampler() != null) {
            pairs.put("Sampler", p.sampler());
        }
        pairs.put("CFG scale", number(p.cfgScale()));
        pairs.put("Seed", Long.toString(p.seed()));
        pairs.put("Size", p.width() + "x" + p.height());
        if (p.model() != null && !p.model().isBlank()) {
            pairs.put("Model", p.model());
        }
        if (p.denoisingStrength() != null) {
            pairs.put("Denoising strength", number(p.denoisingStrength()));
        }
        p.extras().forEach(pairs::putIfAbsent);
        StringBuilder text = new StringBuilder(p.prompt());
        if (!p.negativePrompt().isEmpty()) {
            text.append('\n').append(NEGATIVE).append(' ').append(p.negativePrompt());
        }
        text.append('\n');
        List<String> items = new ArrayList<>();
        pairs.forEach((k, v) -> items.add(k + ": " + quote(v)));
        return text.append(String.join(", ", items)).toString().strip();
    }

    /**
     * Reads A1111 text back. Unknown keys go to {@code extras}; missing values take A1111's defaults for reading
     * (steps 20, CFG 7, seed -1, size 512×512).
     *
     * @return the parameters, or empty when the text has no "Steps:" line (not A1111 parameters)
     */
    public static Optional<GenerationParameters> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        List<String> lines = new ArrayList<>(List.of(text.strip().split("\n", -1)));
        String last = lines.remove(lines.size() - 1);
        Map<String, String> pairs = pairs(last);
        if (pairs.size() < 3) {
            lines.add(last);
            pairs = Map.of();
        }
        if (!pairs.containsKey("Steps")) {
            return Optional.empty();
        }
        return Optional.of(toParameters(lines, new LinkedHashMap<>(pairs)));
    }

    private static GenerationParameters toParameters(List<String> lines, Map<String, String> pairs) {
        StringBuilder prompt = new StringBuilder();
        StringBuilder negative = new StringBuilder();
        boolean inNegative = false;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith(NEGATIVE)) {
                inNegative = true;
                line = line.substring(NEGATIVE.length()).strip();
            }
            StringBuilder target = inNegative ? negative : prompt;
            target.append(target.length() == 0 ? "" : "\n").append(line);
        }
        int[] size = size(pairs.remove("Size"));
        String strength = pairs.remove("Denoising strength");
        return new GenerationParameters(prompt.toString(), negative.toString(),
                (int) integer(pairs.remove("Steps"), 20), pairs.remove("Sampler"),
                decimal(pairs.remove("CFG scale"), 7), integer(pairs.remove("Seed"), -1), size[0], size[1],
                pairs.remove("Model"), strength == null ? null : decimal(strength, 0.75), pairs);
    }

    private static Map<String, String> pairs(String line) {
        Map<String, String> pairs = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(line);
        while (m.find()) {
            String value = m.group(2).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = unquote(value);
            }
            pairs.put(m.group(1).strip(), value);
        }
        return pairs;
    }

    private static int[] size(String value) {
        Matcher m = value == null ? null : SIZE.matcher(value.strip());
        if (m == null || !m.matches()) {
            return new int[] {512, 512};
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    private static long integer(String value, long fallback) {
        try {
            return value == null ? fallback : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static double decimal(String value, double fallback) {
        try {
            return value == null ? fallback : Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** A number as Python's {@code str(float)} writes it for the values we use: "7.0", "7.5", "0.75". */
    static String number(double value) {
        BigDecimal d = new BigDecimal(Float.toString((float) value)).stripTrailingZeros();
        String s = d.scale() <= 0 ? d.setScale(1).toPlainString() : d.toPlainString();
        return s.toLowerCase(Locale.ROOT);
    }

    /** A1111's {@code quote}: JSON-quotes a value holding ',', ':' or a newline. */
    static String quote(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('\n') < 0 && value.indexOf(':') < 0) {
            return value;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }

    /** Undoes {@link #quote}: a JSON string literal to its text. */
    static String unquote(String quoted) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            if (c != '\\' || i + 1 >= quoted.length() - 1) {
                sb.append(c);
                continue;
            }
            char e = quoted.charAt(++i);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    if (i + 4 < quoted.length() - 1 && quoted.substring(i + 1, i + 5).matches("[0-9a-fA-F]{4}")) {
                        sb.append((char) Integer.parseInt(quoted.substring(i + 1, i + 5), 16));
                        i += 4;
                    } else {
                        sb.append('u');
                    }
                }
                default -> sb.append(e);
            }
        }
        return sb.toString();
    }
}
