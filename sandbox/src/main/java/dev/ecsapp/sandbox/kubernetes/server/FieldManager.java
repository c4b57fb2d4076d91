package dev.ecsapp.sandbox.kubernetes.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Field ownership as kube-apiserver keeps it in {@code metadata.managedFields}: server-side apply (merge by the
 * schema's list semantics, conflicts with other managers, force, removal of what a manager stops applying) and the
 * Update entries that every other write records for the fields it changed.
 */
final class FieldManager {

    static final String APPLY = "Apply";
    static final String UPDATE = "Update";

    /** One {@code managedFields} entry: who, by which operation and subresource, owns which fields. */
    record Entry(String manager, String operation, String apiVersion, String time, String subresource,
            Set<List<String>> fields) {

        boolean sameOwner(String manager, String operation, String subresource) {
            return this.manager.equals(manager) && this.operation.equals(operation)
                    && Objects.equals(this.subresource, subresource);
        }
    }

    /** One field another manager owns with a different value. */
    record Conflict(Entry owner, List<String> path) {
    }

    private final Clock clock;

    FieldManager(Clock clock) {
        this.clock = clock;
    }

    /**
     * Server-side apply of {@code config} by {@code manager} onto {@code live} (null: the object is created): the
     * object to store, with its managedFields. Throws 409 naming each conflict unless {@code force}.
     */
    ObjectNode apply(Kind kind, ObjectNode live, ObjectNode config, String manager, boolean force,
            String subresource) {
        ObjectNode scoped = scope(kind, config, subresource);
        Set<List<String>> applied = inScope(kind, FieldPaths.fieldsOf(kind, scoped), subresource);
        List<Entry> entries = live == null ? new ArrayList<>() : read(live);
        Entry previous = find(entries, manager, APPLY, subresource);
        ObjectNode merged = live == null ? scoped.deepCopy()
                : (ObjectNode) merge(kind, live, scoped, List.of());

        List<Conflict> conflicts = new ArrayList<>();
        for (List<String> path : applied) {
            JsonNode after = FieldPaths.at(merged, path);
            if (after == null || after.isObject() && !after.isEmpty()
                    || Objects.equals(live == null ? null : FieldPaths.at(live, path), after)) {
                continue;
            }
            for (Entry entry : entries) {
                if (!entry.manager().equals(manager) && entry.fields().contains(path)) {
                    conflicts.add(new Conflict(entry, path));
                }
            }
        }
        if (!conflicts.isEmpty() && !force) {
            throw conflictError(conflicts);
        }
        List<Entry> next = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry == previous) {
                continue;
            }
            Set<List<String>> fields = new LinkedHashSet<>(entry.fields());
            conflicts.stream().filter(c -> c.owner() == entry).forEach(c -> fields.remove(c.path()));
            if (!fields.isEmpty()) {
                next.add(withFields(entry, fields, entry.fields()));
            }
        }
        if (previous != null) {
            List<List<String>> dropped = new ArrayList<>(previous.fields());
            dropped.removeAll(applied);
            dropped.sort(Comparator.comparingInt(List::size));
            for (List<String> path : dropped) {
                boolean ownedElsewhere = next.stream().anyMatch(e -> e.fields().stream()
                        .anyMatch(p -> FieldPaths.within(p, path)));
                if (!ownedElsewhere && !applied.stream().anyMatch(p -> FieldPaths.within(p, path))) {
                    FieldPaths.remove(merged, path);
                }
            }
        }
        Entry mine = new Entry(manager, APPLY, kind.groupVersion(), now(), subresource, applied);
        if (!applied.isEmpty()) {
            next.add(previous == null ? mine : withFields(previous, applied, previous.fields()));
        }
        write(merged, next);
        return merged;
    }

    /**
     * Records a write other than apply (create, update, patch) by {@code manager}: its Update entry gains the fields
     * it set or changed, every other entry loses them, and fields the write removed leave every entry.
     */
    void update(Kind kind, ObjectNode live, ObjectNode next, String manager, String subresource) {
        Set<List<String>> before = live == null ? Set.of()
                : inScope(kind, FieldPaths.fieldsOf(kind, live), subresource);
        Set<List<String>> after = inScope(kind, FieldPaths.fieldsOf(kind, next), subresource);
        Set<List<String>> changed = new LinkedHashSet<>();
        for (List<String> path : after) {
            JsonNode now = FieldPaths.at(next, path);
            JsonNode was = live == null ? null : FieldPaths.at(live, path);
            if (was == null || !now.isObject() && !now.equals(was) || now.isObject() && now.isEmpty()
                    && !now.equals(was)) {
                changed.add(path);
            }
            // A map or list the write brought into being is a member too, as kube's Update entries show (".");
            // not metadata, nor a built-in kind's spec or status, which are structs in the Go types.
            for (int i = 1; i < path.size(); i++) {
                List<String> prefix = path.subList(0, i);
                boolean struct = i == 1 && (prefix.get(0).equals("f:metadata")
                        || kind.schema() == null && (prefix.get(0).equals("f:spec") || prefix.get(0).equals("f:status")));
                if (!struct && (live == null || FieldPaths.at(live, prefix) == null)) {
                    changed.add(List.copyOf(prefix));
                }
            }
        }
        Set<List<String>> removed = new LinkedHashSet<>(before);
        removed.removeAll(after);
        List<Entry> entries = live == null ? new ArrayList<>() : read(live);
        Entry previous = find(entries, manager, UPDATE, subresource);
        List<Entry> result = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry == previous) {
                continue;
            }
            Set<List<String>> fields = new LinkedHashSet<>(entry.fields());
            fields.removeAll(changed);
            fields.removeIf(path -> removed.stream().anyMatch(gone -> FieldPaths.within(path, gone)));
            if (!fields.isEmpty()) {
                result.add(withFields(entry, fields, entry.fields()));
            }
        }
        Set<List<String>> mine = new LinkedHashSet<>(previous == null ? Set.of() : previous.fields());
        mine.addAll(changed);
        mine.removeIf(path -> removed.stream().anyMatch(gone -> FieldPaths.within(path, gone)));
        if (!mine.isEmpty()) {
            result.add(previous == null ? new Entry(manager, UPDATE, kind.groupVersion(), now(), subresource, mine)
                    : withFields(previous, mine, previous.fields()));
        }
        write(next, result);
    }

    /** The manager kube-apiserver names a write without {@code fieldManager} after: the User-Agent's product. */
    static String defaultManager(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "unknown";
        }
        int slash = userAgent.indexOf('/');
        String product = slash < 0 ? userAgent : userAgent.substring(0, slash);
        return product.length() > 128 ? product.substring(0, 128) : product;
    }

    /** Schema-aware merge of an applied configuration into the live object: keyed lists item by item, sets as sets. */
    static JsonNode merge(Kind kind, JsonNode live, JsonNode config, List<String> names) {
        if (config.isObject() && live != null && live.isObject()) {
            ObjectNode result = ((ObjectNode) live).deepCopy();
            for (Map.Entry<String, JsonNode> field : config.properties()) {
                if (field.getValue().isNull()) {
                    continue;
                }
                List<String> childNames = new ArrayList<>(names);
                childNames.add(field.getKey());
                result.set(field.getKey(), merge(kind, live.get(field.getKey()), field.getValue(), childNames));
            }
            return result;
        }
        if (config.isArray() && live != null && live.isArray()) {
            ListTypes.ListType type = ListTypes.of(kind, names);
            if (type.type() == ListTypes.Type.SET) {
                ArrayNode result = ((ArrayNode) live).deepCopy();
                config.forEach(item -> {
                    if (!contains(result, item)) {
                        result.add(item.deepCopy());
                    }
                });
                return result;
            }
            if (type.type() == ListTypes.Type.MAP) {
                ArrayNode result = ((ArrayNode) live).deepCopy();
                for (JsonNode item : config) {
                    String key = FieldPaths.key(item, type.keys());
                    int index = indexOf(result, key);
                    if (index < 0) {
                        result.add(item.deepCopy());
                    } else {
                        result.set(index, merge(kind, result.get(index), item, names));
                    }
                }
                return result;
            }
        }
        return config.deepCopy();
    }

    private static boolean contains(ArrayNode array, JsonNode item) {
        for (JsonNode element : array) {
            if (element.equals(item)) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(ArrayNode array, String key) {
        for (int i = 0; i < array.size(); i++) {
            if (FieldPaths.matches(array.get(i), key)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * What of an applied configuration the endpoint takes: the main resource ignores status when status is a
     * subresource; the status subresource takes status alone (kube's reset fields).
     */
    private static ObjectNode scope(Kind kind, ObjectNode config, String subresource) {
        ObjectNode scoped = config.deepCopy();
        if ("status".equals(subresource)) {
            ObjectNode metadata = scoped.objectNode();
            JsonNode given = config.path("metadata");
            for (String kept : List.of("name", "namespace", "resourceVersion")) {
                if (given.has(kept)) {
                    metadata.set(kept, given.get(kept));
                }
            }
            scoped.removeAll();
            scoped.set("apiVersion", config.get("apiVersion"));
            scoped.set("kind", config.get("kind"));
            scoped.set("metadata", metadata);
            if (config.has("status")) {
                scoped.set("status", config.get("status").deepCopy());
            }
        } else if (kind.statusSubresource()) {
            scoped.remove("status");
        }
        return scoped;
    }

    private static Set<List<String>> inScope(Kind kind, Set<List<String>> fields, String subresource) {
        Set<List<String>> kept = new LinkedHashSet<>();
        for (List<String> path : fields) {
            boolean status = path.get(0).equals("f:status");
            if ("status".equals(subresource) ? status : !(status && kind.statusSubresource())) {
                kept.add(path);
            }
        }
        return kept;
    }

    private Entry withFields(Entry entry, Set<List<String>> fields, Set<List<String>> before) {
        String time = fields.equals(before) ? entry.time() : now();
        return new Entry(entry.manager(), entry.operation(), entry.apiVersion(), time, entry.subresource(), fields);
    }

    private static Entry find(List<Entry> entries, String manager, String operation, String subresource) {
        return entries.stream().filter(e -> e.sameOwner(manager, operation, subresource)).findFirst().orElse(null);
    }

    static List<Entry> read(JsonNode object) {
        List<Entry> entries = new ArrayList<>();
        for (JsonNode e : object.path("metadata").path("managedFields")) {
            entries.add(new Entry(e.path("manager").asText(""), e.path("operation").asText(UPDATE),
                    e.path("apiVersion").asText(""), e.path("time").asText(null),
                    e.hasNonNull("subresource") ? e.get("subresource").asText() : null,
                    FieldPaths.decode(e.path("fieldsV1"))));
        }
        return entries;
    }

    private static void write(ObjectNode object, List<Entry> entries) {
        ObjectNode metadata = object.with("metadata");
        if (entries.isEmpty()) {
            metadata.remove("managedFields");
            return;
        }
        ArrayNode list = metadata.putArray("managedFields");
        for (Entry entry : entries) {
            ObjectNode e = list.addObject();
            e.put("manager", entry.manager()).put("operation", entry.operation()).put("apiVersion", entry.apiVersion());
            if (entry.time() != null) {
                e.put("time", entry.time());
            }
            e.put("fieldsType", "FieldsV1");
            e.set("fieldsV1", FieldPaths.encode(entry.fields()));
            if (entry.subresource() != null) {
                e.put("subresource", entry.subresource());
            }
        }
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** 409 as kube-apiserver words it: {@code Apply failed with 1 conflict: conflict with "m" using v1: .data.a}. */
    private static ApiException conflictError(List<Conflict> conflicts) {
        String message;
        if (conflicts.size() == 1) {
            Conflict only = conflicts.get(0);
            message = "Apply failed with 1 conflict: conflict with " + describe(only.owner()) + ": "
                    + FieldPaths.describe(only.path());
        } else {
            Map<String, List<String>> byManager = new TreeMap<>();
            for (Conflict conflict : conflicts) {
                byManager.computeIfAbsent(describe(conflict.owner()), m -> new ArrayList<>())
                        .add(FieldPaths.describe(conflict.path()));
            }
            List<String> lines = new ArrayList<>();
            byManager.forEach((owner, paths) -> {
                lines.add("conflicts with " + owner + ":");
                paths.forEach(path -> lines.add("- " + path));
            });
            message = "Apply failed with " + conflicts.size() + " conflicts: " + String.join("\n", lines);
        }
        ObjectNode status = RestHandler.JSON.createObjectNode();
        status.put("kind", "Status").put("apiVersion", "v1").putObject("metadata");
        status.put("status", "Failure").put("message", message).put("reason", "Conflict");
        ArrayNode causes = status.putObject("details").putArray("causes");
        for (Conflict conflict : conflicts) {
            causes.addObject().put("reason", "FieldManagerConflict")
                    .put("message", "conflict with " + describe(conflict.owner()))
                    .put("field", FieldPaths.describe(conflict.path()));
        }
        status.put("code", 409);
        return new ApiException(status);
    }

    /** {@code "kubectl" using v1}, {@code "m" with subresource "status" using v1 at 2024-...}: kube's printManager. */
    private static String describe(Entry entry) {
        StringBuilder text = new StringBuilder("\"").append(entry.manager()).append('"');
        if (entry.subresource() != null) {
            text.append(" with subresource \"").append(entry.subresource()).append('"');
        }
        text.append(" using ").append(entry.apiVersion());
        if (entry.operation().equals(UPDATE) && entry.time() != null) {
            text.append(" at ").append(entry.time());
        }
        return text.toString();
    }

    static Map<String, Set<List<String>>> byManager(JsonNode object) {
        Map<String, Set<List<String>>> owners = new LinkedHashMap<>();
        read(object).forEach(e -> owners.computeIfAbsent(e.manager() + "/" + e.operation(),
                m -> new LinkedHashSet<>()).addAll(e.fields()));
        return owners;
    }
}
