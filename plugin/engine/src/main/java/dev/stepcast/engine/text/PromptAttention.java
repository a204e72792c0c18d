package dev.stepcast.engine.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A1111's prompt emphasis syntax, as {@code modules/prompt_parser.py} {@code parse_prompt_attention} reads it:
 * {@code (x)} multiplies x's weight by 1.1, {@code [x]} divides it by 1.1, {@code (x:1.3)} multiplies it by 1.3,
 * brackets nest (the factors multiply), {@code \(} {@code \)} {@code \[} {@code \]} {@code \\} are literal characters,
 * brackets still open at the end apply to everything after them, a closing bracket without an opening one is text,
 * and {@code BREAK} (a whole word, in plain text) becomes a {@link Segment#isBreak() break} with weight −1. Runs of
 * equal weights are merged, so {@code (a)(b)} is one segment "ab" at 1.1. An empty text is one empty segment at 1.0.
 *
 * <p>One deliberate difference: a weight that Python's {@code float()} would reject ({@code (x:1.2.3)}) makes A1111
 * fail the whole generation; here that {@code :1.2.3)} is read as plain text.
 *
 * <p>Stateless; any thread.
 */
public final class PromptAttention {

    /** A1111's {@code re_attention} (the current form, which allows spaces around the weight). */
    private static final Pattern ATTENTION = Pattern.compile(
            "\\\\\\(|\\\\\\)|\\\\\\[|\\\\\\]|\\\\\\\\|\\\\|\\(|\\[|:\\s*([+-]?[.\\d]+)\\s*\\)|\\)|\\]|[^\\\\()\\[\\]:]+|:");
    /** A1111's {@code re_break}: BREAK as a whole word with the whitespace around it. */
    private static final Pattern BREAK = Pattern.compile("\\s*\\bBREAK\\b\\s*",
            Pattern.DOTALL | Pattern.UNICODE_CHARACTER_CLASS);
    private static final double ROUND = 1.1;
    private static final double SQUARE = 1 / 1.1;

    private PromptAttention() {
    }

    /**
     * A piece of prompt text and its weight.
     *
     * @param text   the text (escapes resolved)
     * @param weight the product of the brackets around it; −1 for a {@code BREAK}
     */
    public record Segment(String text, double weight) {

        /** Whether this is A1111's BREAK marker: text "BREAK" with weight −1. */
        public boolean isBreak() {
            return weight == -1 && text.equals("BREAK");
        }
    }

    /** The segments of {@code text}; see the class comment. */
    public static List<Segment> parse(String text) {
        List<String> texts = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        Deque<Integer> round = new ArrayDeque<>();
        Deque<Integer> square = new ArrayDeque<>();
        Matcher m = ATTENTION.matcher(text == null ? "" : text);
        while (m.find()) {
            String token = m.group();
            String weight = m.group(1);
            Double parsedWeight = weight == null ? null : parseWeight(weight);
            if (token.startsWith("\\")) {
                texts.add(token.substring(1));
                weights.add(1.0);
            } else if (token.equals("(")) {
                round.push(texts.size());
            } else if (token.equals("[")) {
                square.push(texts.size());
            } else if (parsedWeight != null && !round.isEmpty()) {
                multiply(weights, round.pop(), parsedWeight);
            } else if (token.equals(")") && !round.isEmpty()) {
                multiply(weights, round.pop(), ROUND);
            } else if (token.equals("]") && !square.isEmpty()) {
                multiply(weights, square.pop(), SQUARE);
            } else {
                String[] parts = BREAK.split(token, -1);
                for (int i = 0; i < parts.length; i++) {
                    if (i > 0) {
                        texts.add("BREAK");
                        weights.add(-1.0);
                    }
                    texts.add(parts[i]);
                    weights.add(1.0);
                }
            }
        }
        // Python iterates the remaining positions from the bottom of the stack up.
        List<Integer> openRound = new ArrayList<>(round);
        for (int i = openRound.size() - 1; i >= 0; i--) {
            multiply(weights, openRound.get(i), ROUND);
        }
        List<Integer> openSquare = new ArrayList<>(square);
        for (int i = openSquare.size() - 1; i >= 0; i--) {
            multiply(weights, openSquare.get(i), SQUARE);
        }
        if (texts.isEmpty()) {
            texts.add("");
            weights.add(1.0);
        }
        List<Segment> merged = new ArrayList<>();
        StringBuilder run = new StringBuilder(texts.get(0));
        double runWeight = weights.get(0);
        for (int i = 1; i < texts.size(); i++) {
            if (weights.get(i) == runWeight) {
                run.append(texts.get(i));
            } else {
                merged.add(new Segment(run.toString(), runWeight));
                run = new StringBuilder(texts.get(i));
                runWeight = weights.get(i);
            }
        }
        merged.add(new Segment(run.toString(), runWeight));
        return merged;
    }

    /** Python's {@code float()} of a {@code [+-]?[.\d]+} match, or {@code null} where Python would raise. */
    private static Double parseWeight(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void multiply(List<Double> weights, int from, double factor) {
        for (int p = from; p < weights.size(); p++) {
            weights.set(p, weights.get(p) * factor);
        }
    }
}
