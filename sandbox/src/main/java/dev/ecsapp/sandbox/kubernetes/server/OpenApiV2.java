package dev.ecsapp.sandbox.kubernetes.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * {@code /openapi/v2}: the OpenAPI v3 documents of every group version as the one Swagger 2.0 document kube-apiserver
 * also serves, for the clients that still read it (kubeconform and kubeval, older kubectl, scripts with
 * {@code kubectl get --raw /openapi/v2}).
 *
 * <p>Schemas move from {@code components.schemas} to {@code definitions}; what Swagger 2.0 cannot say is left out, as
 * kube-apiserver leaves it out of its v2 document: {@code nullable}, {@code anyOf}, {@code oneOf} and {@code not}.
 * A request body becomes a {@code body} parameter and its media types the operation's {@code consumes}.
 */
final class OpenApiV2 {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String V3_REFS = "#/components/schemas/";
    private static final String V2_REFS = "#/definitions/";
    private static final List<String> NOT_IN_V2 = List.of("nullable", "anyOf", "oneOf", "not");
    /** Values, not schemas: copied as they are. */
    private static final List<String> VALUES = List.of("default", "enum", "example", "x-kubernetes-validations",
            "x-kubernetes-group-version-kind");

    private OpenApiV2() {
    }

    static ObjectNode of(Collection<ObjectNode> v3Documents) {
        ObjectNode swagger = JSON.objectNode().put("swagger", "2.0");
        swagger.putObject("info").put("title", "Kubernetes").put("version", "v1.32.0-sandbox");
        ObjectNode paths = swagger.putObject("paths");
        ObjectNode definitions = swagger.putObject("definitions");
        for (ObjectNode document : v3Documents) {
            document.path("components").path("schemas").properties()
                    .forEach(e -> definitions.set(e.getKey(), schema(e.getValue())));
            document.path("paths").properties().forEach(path -> {
                ObjectNode operations = paths.putObject(path.getKey());
                path.getValue().properties().forEach(operation ->
                        operations.set(operation.getKey(), operation((ObjectNode) operation.getValue())));
            });
        }
        return swagger;
    }

    private static ObjectNode operation(ObjectNode v3) {
        ObjectNode v2 = JSON.objectNode();
        for (Map.Entry<String, JsonNode> field : v3.properties()) {
            switch (field.getKey()) {
                case "parameters", "requestBody", "responses" -> {
                }
                default -> v2.set(field.getKey(), field.getValue().deepCopy());
            }
        }
        ArrayNode parameters = JSON.arrayNode();
        for (JsonNode parameter : v3.path("parameters")) {
            ObjectNode converted = JSON.objectNode().put("name", parameter.path("name").asText())
                    .put("in", parameter.path("in").asText());
            if (parameter.has("description")) {
                converted.set("description", parameter.get("description"));
            }
            // A v2 non-body parameter carries its type itself, not in a schema.
            parameter.path("schema").properties().forEach(e -> converted.set(e.getKey(), e.getValue().deepCopy()));
            parameters.add(converted);
        }
        JsonNode content = v3.path("requestBody").path("content");
        if (content.isObject() && !content.isEmpty()) {
            ArrayNode consumes = v2.putArray("consumes");
            content.fieldNames().forEachRemaining(consumes::add);
            ObjectNode body = parameters.addObject().put("name", "body").put("in", "body").put("required", true);
            body.set("schema", schema(content.elements().next().path("schema")));
        }
        if (!parameters.isEmpty()) {
            v2.set("parameters", parameters);
        }
        v2.putArray("produces").add("application/json").add("application/yaml");
        ObjectNode responses = v2.putObject("responses");
        v3.path("responses").properties().forEach(response -> {
            ObjectNode converted = responses.putObject(response.getKey())
                    .put("description", response.getValue().path("description").asText("OK"));
            JsonNode schema = response.getValue().path("content").path("application/json").path("schema");
            if (!schema.isMissingNode()) {
                converted.set("schema", schema(schema));
            }
        });
        return v2;
    }

    /** A copy of a v3 schema in v2's words: references into definitions, and nothing v2 has no word for. */
    private static JsonNode schema(JsonNode v3) {
        if (v3.isObject()) {
            ObjectNode v2 = JSON.objectNode();
            v3.properties().forEach(field -> {
                if (NOT_IN_V2.contains(field.getKey())) {
                    return;
                }
                if (VALUES.contains(field.getKey())) {
                    v2.set(field.getKey(), field.getValue().deepCopy());
                } else if (field.getKey().equals("$ref") && field.getValue().isTextual()) {
                    v2.put("$ref", field.getValue().asText().replace(V3_REFS, V2_REFS));
                } else if (field.getKey().equals("properties") || field.getKey().equals("patternProperties")) {
                    // A map of names to schemas: a property may be called "nullable" or "$ref" itself.
                    ObjectNode named = v2.putObject(field.getKey());
                    field.getValue().properties().forEach(p -> named.set(p.getKey(), schema(p.getValue())));
                } else {
                    v2.set(field.getKey(), schema(field.getValue()));
                }
            });
            return v2;
        }
        if (v3.isArray()) {
            ArrayNode items = JSON.arrayNode();
            v3.forEach(item -> items.add(schema(item)));
            return items;
        }
        return v3.deepCopy();
    }
}
