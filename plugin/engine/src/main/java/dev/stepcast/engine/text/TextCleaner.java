package dev.stepcast.engine.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CLIP's text cleanup before BPE, as Hugging Face's {@code CLIPTokenizer} does it with ftfy installed:
 * {@code whitespace_clean(ftfy.fix_text(text)).lower()}. The ftfy part is the subset that changes prompts people
 * type: HTML entities decoded when the text has no {@code <} (ftfy's {@code unescape_html="auto"}; the common named
 * entities and numeric ones), curly quotes to straight ones, Latin ligatures and full-width forms to plain letters,
 * control characters removed, NFC normalisation. (Mojibake repair is not attempted.)
 *
 * <p><b>Threads:</b> stateless.
 */
final class TextCleaner {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    private static final Map<String, String> NAMED = Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"",
            "apos", "'", "nbsp", "\u00A0", "hellip", "\u2026", "mdash", "\u2014", "ndash", "\u2013");

    private TextCleaner() {
    }

    /** The cleaned, lower-cased text. */
    static String clean(String text) {
        if (text.indexOf('&') >= 0 && text.indexOf('<') < 0) {
            text = unescapeHtml(text);
        }
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> append(sb, cp));
        String fixed = Normalizer.normalize(sb, Normalizer.Form.NFC);
        return WHITESPACE.matcher(fixed).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
    }

    private static String unescapeHtml(String text) {
        Matcher m = ENTITY.matcher(text);
        StringBuilder sb = new StringBuilder(text.length());
        while (m.find()) {
            String name = m.group(1);
            String replacement = m.group();
            if (name.startsWith("#")) {
                boolean hex = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X');
                int cp = Integer.parseInt(name.substring(hex ? 2 : 1), hex ? 16 : 10);
                if (Character.isValidCodePoint(cp) && cp != 0) {
                    replacement = new String(Character.toChars(cp));
                }
            } else {
                replacement = NAMED.getOrDefault(name.toLowerCase(Locale.ROOT), replacement);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static void append(StringBuilder sb, int cp) {
        switch (cp) {
            case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032' -> sb.append('\'');
            case '\u201C', '\u201D', '\u201E', '\u201F', '\u2033' -> sb.append('"');
            case '\u3000' -> sb.append(' ');
            case '\t', '\n', '\r', '\f', 0x0B -> sb.append(' ');
            default -> appendOther(sb, cp);
        }
    }

    private static void appendOther(StringBuilder sb, int cp) {
        if (cp >= 0xFF01 && cp <= 0xFF5E) {
            sb.append((char) (cp - 0xFEE0)); // full-width ASCII forms (ftfy fix_character_width)
        } else if (cp >= 0xFB00 && cp <= 0xFB06) {
            sb.append(Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC));
        } else if (Character.getType(cp) == Character.CONTROL || cp == 0xFEFF) {
            return; // ftfy remove_control_chars
        } else {
            sb.appendCodePoint(cp);
        }
    }
}
