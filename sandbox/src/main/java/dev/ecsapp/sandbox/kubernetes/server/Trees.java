package dev.ecsapp.sandbox.kubernetes.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Small operations on stored objects, which are JSON trees never changed once stored. */
final class Trees {

    private Trees() {
    }

    /**
     * The stored object as {@code kind}'s version shows it: every served version of a CRD holds the same fields
     * (conversion strategy None), so only apiVersion differs. A shallow copy: the children stay shared.
     */
    static ObjectNode asVersion(ObjectNode stored, Kind kind) {
        ObjectNode shown = stored.objectNode();
        shown.put("apiVersion", kind.groupVersion());
        shown.put("kind", kind.kind());
        for (Map.Entry<String, JsonNode> field : stored.properties()) {
            if (!field.getKey().equals("apiVersion") && !field.getKey().equals("kind")) {
                shown.set(field.getKey(), field.getValue());
            }
        }
        return shown;
    }

    static void stampKind(ObjectNode object, Kind kind) {
        object.put("apiVersion", kind.groupVersion());
        object.put("kind", kind.kind());
    }

    /**
     * Whether a write moves metadata.generation on: with a status subresource, changes of anything but metadata
     * and status; without one, of anything but metadata (kube-apiserver's rule for custom resources).
     */
    static boolean generationChanges(Kind kind, ObjectNode before, ObjectNode after) {
        return !withoutBookkeeping(kind, before).equals(withoutBookkeeping(kind, after));
    }

    private static ObjectNode withoutBookkeeping(Kind kind, ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        copy.remove("metadata");
        copy.remove("apiVersion");
        if (kind.statusSubresource()) {
            copy.remove("status");
        }
        return copy;
    }

    /** Follows a dotted path such as {@code .spec.replicas}; a missing step gives a missing node. */
    static JsonNode at(JsonNode object, String dottedPath) {
        JsonNode node = object;
        for (String part : dottedPath.replaceFirst("^\\.", "").split("\\.")) {
            if (!part.isEmpty()) {
                node = node.path(part);
            }
        }
        return node;
    }

    /** Sets the value at a dotted path, making the objects on the way. */
    static void put(ObjectNode object, String dottedPath, JsonNode value) {
        String[] parts = dottedPath.replaceFirst("^\\.", "").split("\\.");
        ObjectNode node = object;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.with(parts[i]);
        }
        node.set(parts[parts.length - 1], value);
    }
}
