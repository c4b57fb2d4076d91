package dev.ecsapp.sandbox.kubernetes.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The discovery documents: legacy ({@code /api}, {@code /apis}, per group version) and aggregated (v2). */
final class ApiDiscovery {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    private static final List<String> SUBRESOURCE_VERBS = List.of("get", "patch", "update");

    private final Supplier<List<Kind>> kinds;

    ApiDiscovery(Supplier<List<Kind>> kinds) {
        this.kinds = kinds;
    }

    ObjectNode version() {
        ObjectNode version = JSON.objectNode();
        version.put("major", "1").put("minor", "32").put("gitVersion", "v1.32.0-sandbox").put("gitCommit", "")
                .put("gitTreeState", "clean").put("buildDate", "1970-01-01T00:00:00Z").put("goVersion", "")
                .put("compiler", "").put("platform", "java");
        return version;
    }

    ObjectNode coreVersions() {
        ObjectNode versions = JSON.objectNode().put("kind", "APIVersions");
        versions.putArray("versions").add("v1");
        versions.putArray("serverAddressByClientCIDRs");
        return versions;
    }

    ObjectNode groups() {
        ObjectNode list = JSON.objectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = list.putArray("groups");
        versionsByGroup().forEach((group, versions) -> groups.add(group(group, versions)));
        return list;
    }

    Optional<ObjectNode> group(String name) {
        List<String> versions = versionsByGroup().get(name);
        return versions == null ? Optional.empty() : Optional.of(group(name, versions));
    }

    Optional<ObjectNode> resources(String groupVersion) {
        List<Kind> served = kinds.get().stream().filter(k -> k.groupVersion().equals(groupVersion)).toList();
        if (served.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode list = JSON.objectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", groupVersion);
        ArrayNode resources = list.putArray("resources");
        for (Kind kind : served) {
            ObjectNode resource = resources.addObject().put("name", kind.plural()).put("singularName", kind.singular())
                    .put("namespaced", kind.namespaced()).put("kind", kind.kind());
            strings(resource.putArray("verbs"), VERBS);
            if (!kind.shortNames().isEmpty()) {
                strings(resource.putArray("shortNames"), kind.shortNames());
            }
            if (!kind.categories().isEmpty()) {
                strings(resource.putArray("categories"), kind.categories());
            }
            for (String subresource : subresources(kind)) {
                ObjectNode sub = resources.addObject().put("name", kind.plural() + "/" + subresource)
                        .put("singularName", "").put("namespaced", kind.namespaced())
                        .put("kind", subresource.equals("scale") ? "Scale" : kind.kind());
                if (subresource.equals("scale")) {
                    sub.put("group", "autoscaling").put("version", "v1");
                }
                strings(sub.putArray("verbs"), SUBRESOURCE_VERBS);
            }
        }
        return Optional.of(list);
    }

    /**
     * {@code APIGroupDiscoveryList} (apidiscovery.k8s.io/v2): every group of {@code /apis}, or the core group for
     * {@code /api}, with its resources, in one answer; kubectl asks for it first.
     */
    ObjectNode aggregated(boolean core) {
        ObjectNode list = JSON.objectNode().put("kind", "APIGroupDiscoveryList")
                .put("apiVersion", "apidiscovery.k8s.io/v2");
        list.putObject("metadata");
        ArrayNode items = list.putArray("items");
        versionsByGroup(core).forEach((group, versions) -> {
            ObjectNode item = items.addObject();
            ObjectNode metadata = item.putObject("metadata");
            if (!group.isEmpty()) {
                metadata.put("name", group);
            }
            ArrayNode versionList = item.putArray("versions");
            for (String version : versions) {
                ObjectNode v = versionList.addObject().put("version", version);
                ArrayNode resources = v.putArray("resources");
                for (Kind kind : kinds.get()) {
                    if (kind.group().equals(group) && kind.version().equals(version)) {
                        resources.add(aggregatedResource(kind));
                    }
                }
                v.put("freshness", "Current");
            }
        });
        return list;
    }

    private static ObjectNode aggregatedResource(Kind kind) {
        ObjectNode resource = JSON.objectNode().put("resource", kind.plural());
        resource.putObject("responseKind").put("group", kind.group()).put("version", kind.version())
                .put("kind", kind.kind());
        resource.put("scope", kind.namespaced() ? "Namespaced" : "Cluster").put("singularResource", kind.singular());
        strings(resource.putArray("verbs"), VERBS);
        if (!kind.shortNames().isEmpty()) {
            strings(resource.putArray("shortNames"), kind.shortNames());
        }
        if (!kind.categories().isEmpty()) {
            strings(resource.putArray("categories"), kind.categories());
        }
        List<String> subresources = subresources(kind);
        if (!subresources.isEmpty()) {
            ArrayNode subs = resource.putArray("subresources");
            for (String subresource : subresources) {
                ObjectNode sub = subs.addObject().put("subresource", subresource);
                boolean scale = subresource.equals("scale");
                sub.putObject("responseKind").put("group", scale ? "autoscaling" : kind.group())
                        .put("version", scale ? "v1" : kind.version()).put("kind", scale ? "Scale" : kind.kind());
                strings(sub.putArray("verbs"), SUBRESOURCE_VERBS);
            }
        }
        return resource;
    }

    private static List<String> subresources(Kind kind) {
        List<String> subresources = new ArrayList<>();
        if (kind.statusSubresource()) {
            subresources.add("status");
        }
        if (kind.scale() != null) {
            subresources.add("scale");
        }
        return subresources;
    }

    private Map<String, List<String>> versionsByGroup() {
        return versionsByGroup(false);
    }

    /** Groups in the order their kinds are known, versions in priority order; the core group only when asked. */
    private Map<String, List<String>> versionsByGroup(boolean core) {
        Map<String, List<String>> versions = new LinkedHashMap<>();
        for (Kind kind : kinds.get()) {
            if (kind.group().isEmpty() == core) {
                List<String> list = versions.computeIfAbsent(kind.group(), g -> new ArrayList<>());
                if (!list.contains(kind.version())) {
                    list.add(kind.version());
                }
            }
        }
        return versions;
    }

    private static ObjectNode group(String name, List<String> versions) {
        ObjectNode group = JSON.objectNode().put("name", name);
        ArrayNode list = group.putArray("versions");
        versions.forEach(v -> list.addObject().put("groupVersion", name + "/" + v).put("version", v));
        group.set("preferredVersion", list.get(0));
        return group;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
