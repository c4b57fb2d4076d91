package dev.ecsapp.sandbox.kubernetes.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** JSON patch as RFC 6902 defines it: add, remove, replace, move, copy and test, on a copy of the document. */
final class JsonPatch {

    private JsonPatch() {
    }

    /** Applies {@code patch} to a copy of {@code document}; a failing operation is a 422 as kube-apiserver answers. */
    static JsonNode apply(JsonNode document, JsonNode patch) {
        if (!patch.isArray()) {
            throw Statuses.badRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        }
        JsonNode result = document.deepCopy();
        for (JsonNode operation : patch) {
            String op = operation.path("op").asText();
            String path = operation.path("path").asText();
            switch (op) {
                case "add" -> result = add(result, path, value(operation));
                case "remove" -> {
                    get(result, path, op);
                    result = remove(result, path);
                }
                case "replace" -> {
                    get(result, path, op);
                    result = add(remove(result, path), path, value(operation));
                }
                case "move" -> {
                    String from = operation.path("from").asText();
                    JsonNode moved = get(result, from, op);
                    result = add(remove(result, from), path, moved);
                }
                case "copy" -> result = add(result, path, get(result, operation.path("from").asText(), op).deepCopy());
                case "test" -> {
                    if (!get(result, path, op).equals(value(operation))) {
                        throw unprocessable("testing value " + path + " failed");
                    }
                }
                default -> throw unprocessable("Unexpected kind: " + op);
            }
        }
        return result;
    }

    private static JsonNode value(JsonNode operation) {
        JsonNode value = operation.get("value");
        if (value == null) {
            throw unprocessable("missing value");
        }
        return value.deepCopy();
    }

    private static JsonNode get(JsonNode document, String path, String op) {
        JsonNode node = document;
        for (String token : tokens(path)) {
            node = node.isArray() ? arrayElement(node, token) : node.get(token);
            if (node == null) {
                throw unprocessable(op + " operation does not apply: doc is missing path: \"" + path + "\"");
            }
        }
        return node;
    }

    private static JsonNode add(JsonNode document, String path, JsonNode value) {
        List<String> tokens = tokens(path);
        if (tokens.isEmpty()) {
            return value;
        }
        JsonNode parent = get(document, pointer(tokens.subList(0, tokens.size() - 1)), "add");
        String last = tokens.get(tokens.size() - 1);
        if (parent.isObject()) {
            ((ObjectNode) parent).set(last, value);
        } else if (parent.isArray()) {
            ArrayNode array = (ArrayNode) parent;
            if (last.equals("-")) {
                array.add(value);
            } else {
                int index = index(last);
                if (index > array.size()) {
                    throw unprocessable("add operation does not apply: doc is missing path: \"" + path + "\"");
                }
                array.insert(index, value);
            }
        } else {
            throw unprocessable("add operation does not apply: doc is missing path: \"" + path + "\"");
        }
        return document;
    }

    private static JsonNode remove(JsonNode document, String path) {
        List<String> tokens = tokens(path);
        JsonNode parent = get(document, pointer(tokens.subList(0, tokens.size() - 1)), "remove");
        String last = tokens.get(tokens.size() - 1);
        if (parent.isObject()) {
            ((ObjectNode) parent).remove(last);
        } else if (parent.isArray()) {
            ((ArrayNode) parent).remove(index(last));
        }
        return document;
    }

    private static JsonNode arrayElement(JsonNode array, String token) {
        int index = index(token);
        return index < array.size() ? array.get(index) : null;
    }

    private static int index(String token) {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw unprocessable("Unable to access invalid index: " + token);
        }
    }

    private static List<String> tokens(String pointer) {
        List<String> tokens = new ArrayList<>();
        if (pointer.isEmpty()) {
            return tokens;
        }
        for (String token : pointer.substring(1).split("/", -1)) {
            tokens.add(token.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    private static String pointer(List<String> tokens) {
        StringBuilder pointer = new StringBuilder();
        tokens.forEach(token -> pointer.append('/').append(token.replace("~", "~0").replace("/", "~1")));
        return pointer.toString();
    }

    private static ApiException unprocessable(String message) {
        return Statuses.invalidPatch(message);
    }
}
