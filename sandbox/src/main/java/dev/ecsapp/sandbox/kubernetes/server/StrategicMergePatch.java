package dev.ecsapp.sandbox.kubernetes.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strategic merge patch for the built-in kinds: maps merge, lists with a patch merge key (containers, env, ports,
 * volumes by name...) merge item by item, finalizers merge as values, other lists are replaced; with the directives
 * kubectl sends: {@code $patch: delete|replace|merge}, {@code $setElementOrder/}, {@code $deleteFromPrimitiveList/},
 * {@code $retainKeys}.
 */
final class StrategicMergePatch {

    private static final String PATCH = "$patch";
    private static final String RETAIN_KEYS = "$retainKeys";
    private static final String SET_ELEMENT_ORDER = "$setElementOrder/";
    private static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";

    private StrategicMergePatch() {
    }

    /** Applies {@code patch} to a copy of {@code document}, with {@code kind}'s merge keys. */
    static JsonNode apply(Kind kind, JsonNode document, JsonNode patch) {
        if (!patch.isObject()) {
            throw Statuses.badRequest("json: cannot unmarshal " + patch.getNodeType().toString().toLowerCase()
                    + " into Go value of type map[string]interface {}");
        }
        return mergeMap(kind, document.isObject() ? (ObjectNode) document.deepCopy()
                : RestHandler.JSON.createObjectNode(), (ObjectNode) patch, List.of());
    }

    private static JsonNode mergeMap(Kind kind, ObjectNode original, ObjectNode patch, List<String> names) {
        String directive = patch.path(PATCH).asText("");
        if (directive.equals("delete")) {
            return null;
        }
        if (directive.equals("replace")) {
            ObjectNode replaced = patch.deepCopy();
            replaced.remove(PATCH);
            return replaced;
        }
        ObjectNode result = original;
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.equals(PATCH) || name.equals(RETAIN_KEYS) || name.startsWith(SET_ELEMENT_ORDER)) {
                continue;
            }
            if (name.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
                String listName = name.substring(DELETE_FROM_PRIMITIVE_LIST.length());
                if (result.get(listName) instanceof ArrayNode list) {
                    Set<JsonNode> gone = new HashSet<>();
                    value.forEach(gone::add);
                    list.removeIf(gone::contains);
                }
                continue;
            }
            if (value.isNull()) {
                result.remove(name);
                continue;
            }
            List<String> childNames = new ArrayList<>(names);
            childNames.add(name);
            JsonNode merged = merge(kind, result.get(name), value, childNames);
            if (merged == null) {
                result.remove(name);
            } else {
                result.set(name, merged);
            }
        }
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            if (field.getKey().startsWith(SET_ELEMENT_ORDER) && result.get(field.getKey()
                    .substring(SET_ELEMENT_ORDER.length())) instanceof ArrayNode list) {
                List<String> childNames = new ArrayList<>(names);
                childNames.add(field.getKey().substring(SET_ELEMENT_ORDER.length()));
                order(list, field.getValue(), ListTypes.of(kind, childNames));
            }
        }
        if (patch.get(RETAIN_KEYS) instanceof ArrayNode retain) {
            Set<String> kept = new HashSet<>();
            retain.forEach(key -> kept.add(key.asText()));
            List<String> dropped = new ArrayList<>();
            result.fieldNames().forEachRemaining(name -> {
                if (!kept.contains(name)) {
                    dropped.add(name);
                }
            });
            result.remove(dropped);
        }
        return result;
    }

    private static JsonNode merge(Kind kind, JsonNode original, JsonNode patch, List<String> names) {
        if (patch.isObject()) {
            ObjectNode base = original != null && original.isObject() ? (ObjectNode) original
                    : RestHandler.JSON.createObjectNode();
            return mergeMap(kind, base, (ObjectNode) patch, names);
        }
        if (patch.isArray()) {
            return mergeList(kind, original != null && original.isArray() ? (ArrayNode) original : null,
                    (ArrayNode) patch, names);
        }
        return patch.deepCopy();
    }

    private static JsonNode mergeList(Kind kind, ArrayNode original, ArrayNode patch, List<String> names) {
        ListTypes.ListType type = ListTypes.of(kind, names);
        boolean replace = false;
        ArrayNode items = RestHandler.JSON.createArrayNode();
        for (JsonNode item : patch) {
            if (item.isObject() && item.size() == 1 && item.path(PATCH).asText("").equals("replace")) {
                replace = true;
            } else {
                items.add(item);
            }
        }
        if (replace || original == null || type.type() == ListTypes.Type.ATOMIC) {
            ArrayNode result = RestHandler.JSON.createArrayNode();
            for (JsonNode item : items) {
                if (!(item.isObject() && item.path(PATCH).asText("").equals("delete"))) {
                    result.add(withoutDirectives(kind, item, names));
                }
            }
            return result;
        }
        ArrayNode result = original;
        if (type.type() == ListTypes.Type.SET) {
            for (JsonNode item : items) {
                if (!contains(result, item)) {
                    result.add(item.deepCopy());
                }
            }
            return result;
        }
        String mergeKey = type.keys().get(0);
        for (JsonNode item : items) {
            JsonNode key = item.get(mergeKey);
            int index = indexOf(result, mergeKey, key);
            boolean delete = item.path(PATCH).asText("").equals("delete");
            if (delete) {
                if (index >= 0) {
                    result.remove(index);
                }
            } else if (index < 0) {
                result.add(withoutDirectives(kind, item, names));
            } else {
                JsonNode merged = merge(kind, result.get(index), item, names);
                if (merged == null) {
                    result.remove(index);
                } else {
                    result.set(index, merged);
                }
            }
        }
        return result;
    }

    /** {@code $setElementOrder}: the items it names in its order, the others after them as they were. */
    private static void order(ArrayNode list, JsonNode order, ListTypes.ListType type) {
        List<JsonNode> sorted = new ArrayList<>();
        List<JsonNode> rest = new ArrayList<>();
        list.forEach(rest::add);
        for (JsonNode wanted : order) {
            for (JsonNode item : new ArrayList<>(rest)) {
                boolean same = type.type() == ListTypes.Type.MAP && !type.keys().isEmpty()
                        ? item.path(type.keys().get(0)).equals(wanted.path(type.keys().get(0)))
                        : item.equals(wanted);
                if (same) {
                    sorted.add(item);
                    rest.remove(item);
                    break;
                }
            }
        }
        sorted.addAll(rest);
        list.removeAll();
        sorted.forEach(list::add);
    }

    private static JsonNode withoutDirectives(Kind kind, JsonNode item, List<String> names) {
        if (!item.isObject()) {
            return item.deepCopy();
        }
        ObjectNode copy = RestHandler.JSON.createObjectNode();
        JsonNode merged = mergeMap(kind, copy, (ObjectNode) item, names);
        return merged == null ? copy : merged;
    }

    private static boolean contains(ArrayNode array, JsonNode item) {
        for (JsonNode element : array) {
            if (element.equals(item)) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(ArrayNode array, String mergeKey, JsonNode key) {
        for (int i = 0; i < array.size(); i++) {
            if (key != null && key.equals(array.get(i).get(mergeKey))) {
                return i;
            }
        }
        return -1;
    }
}
