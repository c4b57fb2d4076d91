package dev.ecsapp.sandbox.kubernetes.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The OpenAPI v3 documents ({@code /openapi/v3} and one per group version), built from the CRDs' schemas and minimal
 * schemas of the built-in kinds, and the same as one OpenAPI v2 document ({@link OpenApiV2}).
 *
 * <p>What kubectl reads in them: {@code apply} looks for the PATCH operation of the object's group-version-kind
 * ({@code x-kubernetes-group-version-kind}) and, when it names the {@code fieldValidation} query parameter, leaves
 * validation to the server (it sends {@code fieldValidation=Strict}) instead of validating against
 * {@code /openapi/v2}. A PATCH whose request body lists no strategic merge patch makes it send a JSON merge patch.
 * {@code explain} reads the kind's schema in {@code components.schemas}.
 *
 * <p>The documents are built once per set of CRDs and kept until a CRD changes; each is addressed by a hash of its
 * bytes, so kubectl's disk cache never serves an older one.
 */
final class OpenApi {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    private static final String PATCH = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";

    /** The documents for one set of kinds: the index and each group version's bytes. */
    private record Snapshot(List<Kind> custom, byte[] index, Map<String, byte[]> documents, byte[] swagger) {
    }

    private final Supplier<List<Kind>> customKinds;
    private volatile Snapshot snapshot;

    OpenApi(Supplier<List<Kind>> customKinds) {
        this.customKinds = customKinds;
    }

    /** {@code /openapi/v3}: where each group version's document is. */
    byte[] index() {
        return current().index();
    }

    /** {@code /openapi/v3/api/v1}, {@code /openapi/v3/apis/ecsapp.dev/v1alpha1}: empty for one not served. */
    Optional<byte[]> document(String groupVersionPath) {
        return Optional.ofNullable(current().documents().get(groupVersionPath));
    }

    /** {@code /openapi/v2}: every group version in one Swagger 2.0 document. */
    byte[] swagger() {
        return current().swagger();
    }

    private Snapshot current() {
        List<Kind> custom = customKinds.get();
        Snapshot now = snapshot;
        // CustomKinds hands out a new list on every CRD write and the same one otherwise.
        if (now == null || now.custom() != custom) {
            now = build(custom);
            snapshot = now;
        }
        return now;
    }

    private static Snapshot build(List<Kind> custom) {
        Map<String, ObjectNode> documents = new LinkedHashMap<>();
        for (Kind kind : BuiltInKinds.ALL) {
            add(documents, kind, builtInSchema(kind));
        }
        for (Kind kind : custom) {
            add(documents, kind, customSchema(kind));
        }
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        ObjectNode index = JSON.objectNode();
        ObjectNode paths = index.putObject("paths");
        documents.forEach((path, document) -> {
            byte[] body = RestHandler.bytes(document);
            bytes.put(path, body);
            paths.putObject(path).put("serverRelativeURL", "/openapi/v3/" + path + "?hash=" + hash(body));
        });
        return new Snapshot(custom, RestHandler.bytes(index), Map.copyOf(bytes),
                RestHandler.bytes(OpenApiV2.of(documents.values())));
    }

    private static void add(Map<String, ObjectNode> documents, Kind kind, ObjectNode schema) {
        String path = kind.group().isEmpty() ? "api/" + kind.version() : "apis/" + kind.groupVersion();
        ObjectNode document = documents.computeIfAbsent(path, p -> emptyDocument());
        String name = schemaName(kind);
        document.with("components").with("schemas").set(name, schema);
        addPaths(document.with("paths"), kind, name);
    }

    private static ObjectNode emptyDocument() {
        ObjectNode document = JSON.objectNode().put("openapi", "3.0.0");
        document.putObject("info").put("title", "Kubernetes").put("version", "v1.32.0-sandbox");
        document.putObject("paths");
        ObjectNode schemas = document.putObject("components").putObject("schemas");
        schemas.set(OBJECT_META, objectMeta());
        schemas.putObject(PATCH).put("type", "object")
                .put("description", "Patch is provided to give a concrete name and type to the Kubernetes PATCH "
                        + "request body.");
        return document;
    }

    /** The CRD version's schema with apiVersion, kind and metadata, as kube-apiserver publishes it. */
    private static ObjectNode customSchema(Kind kind) {
        ObjectNode schema = kind.schema() != null && kind.schema().isObject()
                ? ((ObjectNode) kind.schema()).deepCopy() : JSON.objectNode().put("type", "object");
        ObjectNode properties = schema.with("properties");
        ObjectNode ordered = JSON.objectNode();
        ordered.set("apiVersion", apiVersionProperty());
        ordered.set("kind", kindProperty());
        ordered.set("metadata", metadataProperty());
        properties.properties().forEach(e -> {
            if (!ordered.has(e.getKey())) {
                ordered.set(e.getKey(), e.getValue());
            }
        });
        schema.set("properties", ordered);
        schema.set("x-kubernetes-group-version-kind", gvk(kind, true));
        return schema;
    }

    /** Enough of a built-in kind for kubectl: its group-version-kind, apiVersion, kind and metadata. */
    private static ObjectNode builtInSchema(Kind kind) {
        ObjectNode schema = JSON.objectNode().put("type", "object")
                .put("description", kind.kind() + " (the sandbox publishes only its object metadata).");
        ObjectNode properties = schema.putObject("properties");
        properties.set("apiVersion", apiVersionProperty());
        properties.set("kind", kindProperty());
        properties.set("metadata", metadataProperty());
        schema.set("x-kubernetes-group-version-kind", gvk(kind, true));
        return schema;
    }

    private static void addPaths(ObjectNode paths, Kind kind, String schemaName) {
        String base = (kind.group().isEmpty() ? "/api/" : "/apis/") + kind.groupVersion()
                + (kind.namespaced() ? "/namespaces/{namespace}/" : "/") + kind.plural();
        ObjectNode collection = paths.putObject(base);
        collection.set("get", operation(kind, "list", "list"));
        collection.set("post", operation(kind, "create", "post"));
        ObjectNode item = paths.putObject(base + "/{name}");
        item.set("get", operation(kind, "read", "get"));
        item.set("put", operation(kind, "replace", "put"));
        item.set("patch", patchOperation(kind, ""));
        item.set("delete", operation(kind, "delete", "delete"));
        if (kind.statusSubresource()) {
            ObjectNode status = paths.putObject(base + "/{name}/status");
            status.set("get", operation(kind, "read", "get"));
            status.set("put", operation(kind, "replace", "put"));
            status.set("patch", patchOperation(kind, "Status"));
        }
        ObjectNode responseSchema = JSON.objectNode().put("$ref", "#/components/schemas/" + schemaName);
        item.with("get").with("responses").with("200").with("content").with("application/json")
                .set("schema", responseSchema);
    }

    private static ObjectNode operation(Kind kind, String verb, String action) {
        ObjectNode operation = JSON.objectNode()
                .put("operationId", verb + kind.kind() + (kind.namespaced() ? "Namespaced" : ""));
        operation.put("x-kubernetes-action", action);
        operation.set("x-kubernetes-group-version-kind", gvk(kind, false));
        operation.putObject("responses").putObject("200").put("description", "OK");
        return operation;
    }

    /** A PATCH that takes fieldValidation and JSON or merge patches (no strategic merge: the server has none). */
    private static ObjectNode patchOperation(Kind kind, String suffix) {
        ObjectNode operation = operation(kind, "patch", "patch");
        operation.put("operationId", "patch" + kind.kind() + suffix + (kind.namespaced() ? "Namespaced" : ""));
        ArrayNode parameters = operation.putArray("parameters");
        for (String name : List.of("dryRun", "fieldManager", "fieldValidation", "force")) {
            parameters.addObject().put("name", name).put("in", "query").put("description", name)
                    .putObject("schema").put("type", name.equals("force") ? "boolean" : "string")
                    .put("uniqueItems", true);
        }
        ObjectNode content = operation.putObject("requestBody").putObject("content");
        for (String type : List.of("application/json-patch+json", "application/merge-patch+json")) {
            content.putObject(type).putObject("schema").put("$ref", "#/components/schemas/" + PATCH);
        }
        operation.put("x-codegen-request-body-name", "body");
        return operation;
    }

    private static JsonNode gvk(Kind kind, boolean list) {
        ObjectNode gvk = JSON.objectNode().put("group", kind.group()).put("kind", kind.kind())
                .put("version", kind.version());
        return list ? JSON.arrayNode().add(gvk) : gvk;
    }

    /** {@code dev.ecsapp.v1alpha1.EcsApp}, {@code io.k8s.api.core.v1.ConfigMap}: kube-apiserver's naming. */
    static String schemaName(Kind kind) {
        if (kind.schema() == null) {
            String group = kind.group().isEmpty() ? "core" : kind.group().split("\\.")[0];
            if (kind.group().equals("apiextensions.k8s.io")) {
                return "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions." + kind.version() + "." + kind.kind();
            }
            return "io.k8s.api." + group + "." + kind.version() + "." + kind.kind();
        }
        List<String> labels = new java.util.ArrayList<>(List.of(kind.group().split("\\.")));
        java.util.Collections.reverse(labels);
        return String.join(".", labels) + "." + kind.version() + "." + kind.kind();
    }

    private static ObjectNode apiVersionProperty() {
        return JSON.objectNode().put("type", "string").put("description", "APIVersion defines the versioned schema "
                + "of this representation of an object. Servers should convert recognized schemas to the latest "
                + "internal value, and may reject unrecognized values.");
    }

    private static ObjectNode kindProperty() {
        return JSON.objectNode().put("type", "string").put("description", "Kind is a string value representing the "
                + "REST resource this object represents. In CamelCase.");
    }

    private static ObjectNode metadataProperty() {
        ObjectNode metadata = JSON.objectNode().put("description", "Standard object's metadata.");
        metadata.putArray("allOf").addObject().put("$ref", "#/components/schemas/" + OBJECT_META);
        return metadata;
    }

    private static ObjectNode objectMeta() {
        ObjectNode meta = JSON.objectNode().put("type", "object").put("description", "ObjectMeta is metadata that "
                + "all persisted resources must have, which includes all objects users must create.");
        ObjectNode p = meta.putObject("properties");
        string(p, "name", "Name must be unique within a namespace.");
        string(p, "generateName", "An optional prefix the server uses to generate a unique name.");
        string(p, "namespace", "Namespace defines the space within which each name must be unique.");
        string(p, "uid", "UID is the unique in time and space value for this object, set by the server.");
        string(p, "resourceVersion", "An opaque value that represents the internal version of this object.");
        p.putObject("generation").put("type", "integer").put("format", "int64")
                .put("description", "A sequence number representing a specific generation of the desired state.");
        p.putObject("creationTimestamp").put("type", "string").put("format", "date-time")
                .put("description", "The time this object was created, set by the server.");
        p.putObject("deletionTimestamp").put("type", "string").put("format", "date-time")
                .put("description", "The time after which this resource will be deleted, set by the server.");
        stringMap(p, "labels", "Map of string keys and values that can be used to organize and categorize objects.");
        stringMap(p, "annotations", "Unstructured key value map stored with a resource.");
        p.putObject("finalizers").put("type", "array").put("description", "Must be empty before the object is "
                + "deleted from the registry.").putObject("items").put("type", "string");
        p.putObject("ownerReferences").put("type", "array").put("description", "Objects depended by this object.")
                .putObject("items").put("type", "object").put("x-kubernetes-preserve-unknown-fields", true);
        p.putObject("managedFields").put("type", "array").put("description", "Which managers own which fields.")
                .putObject("items").put("type", "object").put("x-kubernetes-preserve-unknown-fields", true);
        return meta;
    }

    private static void string(ObjectNode properties, String name, String description) {
        properties.putObject(name).put("type", "string").put("description", description);
    }

    private static void stringMap(ObjectNode properties, String name, String description) {
        properties.putObject(name).put("type", "object").put("description", description)
                .putObject("additionalProperties").put("type", "string");
    }

    private static String hash(byte[] body) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
