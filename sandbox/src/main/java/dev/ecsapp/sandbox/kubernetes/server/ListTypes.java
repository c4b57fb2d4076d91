package dev.ecsapp.sandbox.kubernetes.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * How server-side apply and strategic merge patch treat a list: replaced whole (atomic), merged as a set of
 * values, or merged item by item on keys. Custom resources say it in their schema ({@code x-kubernetes-list-type},
 * {@code x-kubernetes-list-map-keys}); the built-in kinds as the Go types' tags do, for the lists that matter here.
 */
final class ListTypes {

    enum Type { ATOMIC, SET, MAP }

    /** A list's semantics; {@code keys} are the map keys, the first one the strategic merge key. */
    record ListType(Type type, List<String> keys) {
        static final ListType ATOMIC = new ListType(Type.ATOMIC, List.of());
        static final ListType SET = new ListType(Type.SET, List.of());

        static ListType map(String... keys) {
            return new ListType(Type.MAP, List.of(keys));
        }
    }

    /** The Go types' {@code +listType=map} lists, by field name, with their {@code +listMapKey}s. */
    private static final Map<String, ListType> BUILT_IN = Map.ofEntries(
            Map.entry("conditions", ListType.map("type")),
            Map.entry("containers", ListType.map("name")),
            Map.entry("initContainers", ListType.map("name")),
            Map.entry("ephemeralContainers", ListType.map("name")),
            Map.entry("env", ListType.map("name")),
            Map.entry("volumes", ListType.map("name")),
            Map.entry("volumeMounts", ListType.map("mountPath")),
            Map.entry("volumeDevices", ListType.map("devicePath")),
            Map.entry("imagePullSecrets", ListType.map("name")),
            Map.entry("hostAliases", ListType.map("ip")),
            Map.entry("resourceClaims", ListType.map("name")),
            Map.entry("topologySpreadConstraints", ListType.map("topologyKey", "whenUnsatisfiable")),
            Map.entry("ownerReferences", ListType.map("uid")),
            Map.entry("finalizers", ListType.SET));

    private ListTypes() {
    }

    /**
     * The semantics of the list at {@code fieldNames} (the field names from the root, list positions left out):
     * ObjectMeta's and the built-in kinds' from the table, a custom resource's from its schema, atomic otherwise.
     */
    static ListType of(Kind kind, List<String> fieldNames) {
        if (fieldNames.isEmpty()) {
            return ListType.ATOMIC;
        }
        if (kind.schema() == null || fieldNames.get(0).equals("metadata")) {
            return builtIn(fieldNames);
        }
        JsonNode schema = kind.schema();
        for (String name : fieldNames) {
            schema = child(schema, name);
        }
        return fromSchema(schema);
    }

    private static ListType builtIn(List<String> fieldNames) {
        String last = fieldNames.get(fieldNames.size() - 1);
        if (last.equals("ports")) {
            boolean inContainer = fieldNames.contains("containers") || fieldNames.contains("initContainers")
                    || fieldNames.contains("ephemeralContainers");
            return inContainer ? ListType.map("containerPort", "protocol") : ListType.map("port", "protocol");
        }
        if (last.equals("secrets") && fieldNames.size() == 1) {
            return ListType.map("name");   // ServiceAccount.secrets
        }
        return BUILT_IN.getOrDefault(last, ListType.ATOMIC);
    }

    private static JsonNode child(JsonNode schema, String name) {
        JsonNode node = schema;
        if (node.has("items")) {
            node = node.get("items");
        }
        JsonNode property = node.path("properties").get(name);
        if (property != null) {
            return property;
        }
        JsonNode additional = node.get("additionalProperties");
        return additional != null && additional.isObject() ? additional : com.fasterxml.jackson.databind.node
                .MissingNode.getInstance();
    }

    private static ListType fromSchema(JsonNode schema) {
        String type = schema.path("x-kubernetes-list-type").asText("atomic");
        if (type.equals("set")) {
            return ListType.SET;
        }
        if (type.equals("map")) {
            List<String> keys = new java.util.ArrayList<>();
            schema.path("x-kubernetes-list-map-keys").forEach(k -> keys.add(k.asText()));
            return new ListType(Type.MAP, List.copyOf(keys));
        }
        return ListType.ATOMIC;
    }
}
