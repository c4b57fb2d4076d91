package dev.ecsapp.sandbox.kubernetes.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Field paths as server-side apply names them, one element per step in kube's FieldsV1 spelling: {@code f:spec} a
 * field, {@code k:{"type":"Ready"}} an item of a keyed list, {@code v:"x"} an item of a set, {@code i:0} a position.
 * A field set is a set of such paths; {@link #encode} and {@link #decode} turn it into {@code fieldsV1} and back.
 */
final class FieldPaths {

    /** Bookkeeping the API server sets, which no manager owns (kube's managed fields stripper). */
    private static final Set<String> UNOWNED_METADATA = Set.of("name", "namespace", "uid", "resourceVersion",
            "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields",
            "selfLink");

    private FieldPaths() {
    }

    static String field(String name) {
        return "f:" + name;
    }

    /** {@code k:{"containerPort":80,"protocol":"TCP"}}: the key fields sorted, protocol defaulted as kube does. */
    static String key(JsonNode item, List<String> keys) {
        Map<String, JsonNode> sorted = new TreeMap<>();
        for (String key : keys) {
            JsonNode value = item.get(key);
            if (value == null && key.equals("protocol")) {
                value = RestHandler.JSON.getNodeFactory().textNode("TCP");
            }
            if (value != null && !value.isNull()) {
                sorted.put(key, value);
            }
        }
        ObjectNode node = RestHandler.JSON.createObjectNode();
        sorted.forEach(node::set);
        return "k:" + compact(node);
    }

    static String value(JsonNode item) {
        return "v:" + compact(item);
    }

    static List<String> child(List<String> path, String element) {
        List<String> next = new ArrayList<>(path.size() + 1);
        next.addAll(path);
        next.add(element);
        return List.copyOf(next);
    }

    /** The members of {@code object}'s field set: every leaf, every item of a set or keyed list. */
    static Set<List<String>> fieldsOf(Kind kind, JsonNode object) {
        Set<List<String>> fields = new LinkedHashSet<>();
        if (object == null || !object.isObject()) {
            return fields;
        }
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            String name = entry.getKey();
            if (name.equals("apiVersion") || name.equals("kind")) {
                continue;
            }
            if (name.equals("metadata")) {
                for (Map.Entry<String, JsonNode> meta : entry.getValue().properties()) {
                    if (!UNOWNED_METADATA.contains(meta.getKey())) {
                        walk(kind, meta.getValue(), List.of(field("metadata"), field(meta.getKey())),
                                List.of("metadata", meta.getKey()), fields);
                    }
                }
                continue;
            }
            walk(kind, entry.getValue(), List.of(field(name)), List.of(name), fields);
        }
        return fields;
    }

    private static void walk(Kind kind, JsonNode value, List<String> path, List<String> names,
            Set<List<String>> fields) {
        if (value == null || value.isNull()) {
            return;
        }
        if (value.isObject()) {
            if (value.isEmpty()) {
                fields.add(path);
            }
            walkFields(kind, value, path, names, fields);
        } else if (value.isArray()) {
            ListTypes.ListType type = ListTypes.of(kind, names);
            switch (type.type()) {
                case ATOMIC -> fields.add(path);
                case SET -> value.forEach(item -> fields.add(child(path, value(item))));
                case MAP -> {
                    for (JsonNode item : value) {
                        List<String> itemPath = child(path, key(item, type.keys()));
                        fields.add(itemPath);
                        walkFields(kind, item, itemPath, names, fields);
                    }
                }
                default -> throw new IllegalStateException();
            }
        } else {
            fields.add(path);
        }
    }

    private static void walkFields(Kind kind, JsonNode object, List<String> path, List<String> names,
            Set<List<String>> fields) {
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            List<String> childNames = new ArrayList<>(names);
            childNames.add(entry.getKey());
            walk(kind, entry.getValue(), child(path, field(entry.getKey())), childNames, fields);
        }
    }

    /** The value at {@code path}, or null when the object has none there. */
    static JsonNode at(JsonNode root, List<String> path) {
        JsonNode node = root;
        for (String element : path) {
            node = step(node, element);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private static JsonNode step(JsonNode node, String element) {
        if (node == null) {
            return null;
        }
        String rest = element.substring(2);
        switch (element.charAt(0)) {
            case 'f':
                return node.isObject() ? node.get(rest) : null;
            case 'i':
                return node.isArray() ? node.get(Integer.parseInt(rest)) : null;
            case 'v', 'k':
                if (!node.isArray()) {
                    return null;
                }
                for (JsonNode item : node) {
                    if (matches(item, element)) {
                        return item;
                    }
                }
                return null;
            default:
                return null;
        }
    }

    /** Whether a list item is the one {@code element} ({@code k:} or {@code v:}) names. */
    static boolean matches(JsonNode item, String element) {
        if (element.startsWith("v:")) {
            return value(item).equals(element);
        }
        JsonNode key = parse(element.substring(2));
        List<String> names = new ArrayList<>();
        key.fieldNames().forEachRemaining(names::add);
        return item.isObject() && key(item, names).equals(element);
    }

    /** Removes what {@code path} names from {@code root}; nothing when it is not there. */
    static void remove(JsonNode root, List<String> path) {
        if (path.isEmpty()) {
            return;
        }
        JsonNode parent = at(root, path.subList(0, path.size() - 1));
        String last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object && last.startsWith("f:")) {
            object.remove(last.substring(2));
        } else if (parent instanceof ArrayNode array) {
            for (Iterator<JsonNode> items = array.iterator(); items.hasNext(); ) {
                JsonNode item = items.next();
                if (last.startsWith("i:") ? false : matches(item, last)) {
                    items.remove();
                }
            }
        }
    }

    /** kube's path notation in conflict messages: {@code .spec.containers[name="app"].image}. */
    static String describe(List<String> path) {
        StringBuilder text = new StringBuilder();
        for (String element : path) {
            String rest = element.substring(2);
            switch (element.charAt(0)) {
                case 'f' -> text.append('.').append(rest);
                case 'i' -> text.append('[').append(rest).append(']');
                case 'v' -> text.append("[=").append(rest).append(']');
                default -> {
                    List<String> pairs = new ArrayList<>();
                    parse(rest).properties().forEach(e -> pairs.add(e.getKey() + "=" + compact(e.getValue())));
                    text.append('[').append(String.join(",", pairs)).append(']');
                }
            }
        }
        return text.toString();
    }

    /** {@code fieldsV1}: a tree of path elements, sorted; a member that has children too holds {@code ".": {}}. */
    static ObjectNode encode(Set<List<String>> fields) {
        ObjectNode root = RestHandler.JSON.createObjectNode();
        Map<List<String>, Boolean> members = new java.util.HashMap<>();
        fields.forEach(path -> members.put(path, true));
        for (List<String> path : fields.stream().sorted(FieldPaths::compare).toList()) {
            ObjectNode node = root;
            for (int i = 0; i < path.size(); i++) {
                ObjectNode next = (ObjectNode) node.get(path.get(i));
                if (next == null) {
                    next = RestHandler.JSON.createObjectNode();
                    List<String> prefix = path.subList(0, i + 1);
                    if (i < path.size() - 1 && members.containsKey(prefix)) {
                        next.putObject(".");
                    }
                    node.set(path.get(i), next);
                } else if (i < path.size() - 1 && members.containsKey(path.subList(0, i + 1))
                        && !next.has(".") ) {
                    ObjectNode reordered = RestHandler.JSON.createObjectNode();
                    reordered.putObject(".");
                    reordered.setAll(next);
                    node.set(path.get(i), reordered);
                    next = reordered;
                }
                node = next;
            }
        }
        return root;
    }

    static Set<List<String>> decode(JsonNode fieldsV1) {
        Set<List<String>> fields = new LinkedHashSet<>();
        decode(fieldsV1, List.of(), fields);
        return fields;
    }

    private static void decode(JsonNode node, List<String> path, Set<List<String>> fields) {
        if (!path.isEmpty() && (node.isEmpty() || node.has("."))) {
            fields.add(path);
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getKey().equals(".")) {
                decode(entry.getValue(), child(path, entry.getKey()), fields);
            }
        }
    }

    /** Whether {@code path} is {@code prefix} or lies under it. */
    static boolean within(List<String> path, List<String> prefix) {
        return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
    }

    private static int compare(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static JsonNode parse(String json) {
        try {
            return RestHandler.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw Statuses.badRequest("invalid field path element: " + json);
        }
    }

    private static String compact(JsonNode node) {
        try {
            return RestHandler.JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
