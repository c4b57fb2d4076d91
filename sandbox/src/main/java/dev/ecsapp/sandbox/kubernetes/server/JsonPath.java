package dev.ecsapp.sandbox.kubernetes.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of Kubernetes JSONPath that printer columns use: fields ({@code .status.url}), indexes ({@code [0]},
 * {@code [*]}) and equality filters ({@code [?(@.type=="Ready")]}), with or without the {@code {}} around.
 */
final class JsonPath {

    private JsonPath() {
    }

    /** Every value the path reaches in {@code object}, in document order. */
    static List<JsonNode> find(JsonNode object, String path) {
        String p = path.trim();
        if (p.startsWith("{") && p.endsWith("}")) {
            p = p.substring(1, p.length() - 1);
        }
        List<JsonNode> current = new ArrayList<>(List.of(object));
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
                    end++;
                }
                String field = p.substring(i + 1, end);
                if (!field.isEmpty()) {
                    current = field(current, field);
                }
                i = end;
            } else if (c == '[') {
                int end = closing(p, i);
                current = bracket(current, p.substring(i + 1, end));
                i = end + 1;
            } else {
                throw new IllegalArgumentException("unrecognized character in JSONPath " + path + " at " + i);
            }
        }
        List<JsonNode> found = new ArrayList<>();
        current.forEach(node -> {
            if (!node.isMissingNode()) {
                found.add(node);
            }
        });
        return found;
    }

    private static List<JsonNode> field(List<JsonNode> nodes, String field) {
        List<JsonNode> next = new ArrayList<>();
        for (JsonNode node : nodes) {
            JsonNode value = node.get(field);
            if (value != null) {
                next.add(value);
            }
        }
        return next;
    }

    private static List<JsonNode> bracket(List<JsonNode> nodes, String inside) {
        List<JsonNode> next = new ArrayList<>();
        String expression = inside.trim();
        for (JsonNode node : nodes) {
            if (!node.isArray()) {
                continue;
            }
            if (expression.equals("*")) {
                node.forEach(next::add);
            } else if (expression.startsWith("?(") && expression.endsWith(")")) {
                String condition = expression.substring(2, expression.length() - 1).trim();
                String[] sides = condition.split("==", 2);
                if (sides.length != 2 || !sides[0].trim().startsWith("@")) {
                    throw new IllegalArgumentException("unsupported JSONPath filter " + expression);
                }
                String left = sides[0].trim().substring(1);
                String right = unquote(sides[1].trim());
                for (JsonNode element : node) {
                    List<JsonNode> value = find(element, left);
                    if (value.size() == 1 && value.get(0).isValueNode() && value.get(0).asText().equals(right)) {
                        next.add(element);
                    }
                }
            } else {
                int index = Integer.parseInt(expression);
                int at = index < 0 ? node.size() + index : index;
                if (at >= 0 && at < node.size()) {
                    next.add(node.get(at));
                }
            }
        }
        return next;
    }

    private static String unquote(String literal) {
        if (literal.length() >= 2 && (literal.startsWith("\"") || literal.startsWith("'"))) {
            return literal.substring(1, literal.length() - 1);
        }
        return literal;
    }

    private static int closing(String path, int open) {
        int depth = 0;
        for (int i = open; i < path.length(); i++) {
            if (path.charAt(i) == '[') {
                depth++;
            } else if (path.charAt(i) == ']' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unclosed [ in JSONPath " + path);
    }
}
