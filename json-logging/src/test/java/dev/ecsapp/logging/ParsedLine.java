package dev.ecsapp.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** One log line parsed by Jackson (a JSON parser nobody here wrote), read field by field with their JSON types. */
record ParsedLine(JsonNode node) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ParsedLine of(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new AssertionError("not one JSON object: " + text);
            }
            return new ParsedLine(node);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    String getString(String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.textValue();
    }

    Long getLong(String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isIntegralNumber() ? null : value.longValue();
    }

    Integer getInteger(String field) {
        JsonNode value = node.get(field);
        return value == null || !value.canConvertToInt() || !value.isIntegralNumber() ? null : value.intValue();
    }

    Double getDouble(String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isNumber() ? null : value.doubleValue();
    }

    Boolean getBoolean(String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isBoolean() ? null : value.booleanValue();
    }
}
