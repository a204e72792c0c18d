package dev.stepcast.engine.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads small JSON files (a model's {@code model_index.json}, {@code config.json}, {@code scheduler_config.json}) into
 * Jackson's {@link JsonNode} trees with jackson-core's streaming parser and the tree node classes only — no
 * {@code ObjectMapper}. In a fresh JVM, initialising an {@code ObjectMapper} costs 0.1–0.3 s on this project's
 * machine against ~0.05 s for this, and it sat on the critical path of every cold model load (measured with
 * {@code bench cold}). The trees are what {@code ObjectMapper.readTree} gives for the same text: integers as int or
 * long nodes (big ones as big-integer nodes), other numbers as doubles, an empty document as a missing node.
 *
 * <p><b>Threads:</b> stateless; safe from any thread.
 */
public final class JsonTrees {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTrees() {
    }

    /** Parses {@code file}; malformed JSON is a {@link JsonParseException} (a {@code JsonProcessingException}). */
    public static JsonNode read(Path file) throws IOException {
        try (JsonParser p = FACTORY.createParser(file.toFile())) {
            return root(p);
        }
    }

    /** A streaming parser over {@code file}, for files too big to hold as a tree (a tokenizer's vocabulary). */
    public static JsonParser parser(Path file) throws IOException {
        return FACTORY.createParser(file.toFile());
    }

    /** Parses {@code text} as {@link #read(Path)} does. */
    public static JsonNode parse(String text) throws IOException {
        try (JsonParser p = FACTORY.createParser(text)) {
            return root(p);
        }
    }

    private static JsonNode root(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        return first == null ? MissingNode.getInstance() : value(p, first);
    }

    private static JsonNode value(JsonParser p, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    object.set(name, value(p, p.nextToken()));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    array.add(value(p, t));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new JsonParseException(p, "unexpected " + token);
        }
    }
}
