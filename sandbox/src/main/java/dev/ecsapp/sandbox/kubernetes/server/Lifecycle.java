package dev.ecsapp.sandbox.kubernetes.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** What kube-apiserver's strategies for Namespaces and CRDs add to a create or an update. */
final class Lifecycle {

    private Lifecycle() {
    }

    static void prepareForCreate(Kind kind, ObjectNode object) {
        if (kind == BuiltInKinds.NAMESPACE) {
            object.with("spec").putArray("finalizers").add("kubernetes");
            object.with("status").put("phase", "Active");
            object.with("metadata").with("labels").put("kubernetes.io/metadata.name",
                    object.path("metadata").path("name").asText());
        } else if (kind == BuiltInKinds.CRD) {
            validateCrd(object);
            establish(object);
        }
    }

    static void prepareForUpdate(Kind kind, ObjectNode current, ObjectNode next) {
        if (kind == BuiltInKinds.NAMESPACE) {
            // Only the /finalize subresource changes spec.finalizers.
            if (current.has("spec")) {
                next.set("spec", current.get("spec"));
            }
            next.with("metadata").with("labels").put("kubernetes.io/metadata.name",
                    current.path("metadata").path("name").asText());
        } else if (kind == BuiltInKinds.CRD) {
            validateCrd(next);
            establish(next);
        }
    }

    /**
     * The sandbox has no controllers that take time: a CRD is Established (its names accepted, its resources
     * served) as it is stored, with the conditions kube-apiserver's controllers set a moment later.
     */
    private static void establish(ObjectNode crd) {
        ObjectNode status = crd.putObject("status");
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        ArrayNode conditions = status.putArray("conditions");
        conditions.addObject().put("type", "NamesAccepted").put("status", "True").put("reason", "NoConflicts")
                .put("message", "no conflicts found").put("lastTransitionTime", now);
        conditions.addObject().put("type", "Established").put("status", "True").put("reason", "InitialNamesAccepted")
                .put("message", "the initial names have been accepted").put("lastTransitionTime", now);
        ObjectNode names = crd.path("spec").path("names").deepCopy();
        if (!names.has("singular")) {
            names.put("singular", names.path("kind").asText().toLowerCase(java.util.Locale.ROOT));
        }
        if (!names.has("listKind")) {
            names.put("listKind", names.path("kind").asText() + "List");
        }
        status.set("acceptedNames", names);
        ArrayNode stored = status.putArray("storedVersions");
        for (JsonNode version : crd.path("spec").path("versions")) {
            if (version.path("storage").asBoolean()) {
                stored.add(version.path("name").asText());
            }
        }
    }

    private static void validateCrd(ObjectNode crd) {
        String name = crd.path("metadata").path("name").asText();
        String expected = crd.path("spec").path("names").path("plural").asText() + "."
                + crd.path("spec").path("group").asText();
        if (!name.equals(expected)) {
            throw Statuses.invalid(BuiltInKinds.CRD, name, List.of(new Statuses.Cause("FieldValueInvalid",
                    "metadata.name", "Invalid value: \"" + name + "\": must be spec.names.plural+\".\"+spec.group")));
        }
        long storage = 0;
        for (JsonNode version : crd.path("spec").path("versions")) {
            storage += version.path("storage").asBoolean() ? 1 : 0;
        }
        if (storage != 1) {
            throw Statuses.invalid(BuiltInKinds.CRD, name, List.of(new Statuses.Cause("FieldValueInvalid",
                    "spec.versions", "Invalid value: []apiextensions.CustomResourceDefinitionVersion{...}: "
                            + "must have exactly one version marked as storage version")));
        }
        // A schema whose pattern or CEL rule does not compile is the CRD's error, refused now as kube-apiserver
        // refuses it, rather than on the first custom resource that meets it.
        JsonNode versions = crd.path("spec").path("versions");
        for (int i = 0; i < versions.size(); i++) {
            JsonNode schema = versions.get(i).path("schema").path("openAPIV3Schema");
            if (schema.isObject()) {
                try {
                    StructuralSchema.compile(schema);
                } catch (IllegalArgumentException e) {
                    throw Statuses.invalid(BuiltInKinds.CRD, name, List.of(new Statuses.Cause("FieldValueInvalid",
                            "spec.versions[" + i + "].schema.openAPIV3Schema", "Invalid value: \"object\": "
                                    + e.getMessage())));
                }
            }
        }
    }
}
