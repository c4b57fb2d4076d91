package dev.ecsapp.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.util.Map;

/** Does to a manifest what the API server does with the CRD's schema before validating it: apply defaults. */
public final class CrdSchema {

    private CrdSchema() {
    }

    /** Fills in every missing property that has a default, in objects the manifest has (as the API server does). */
    public static void applyDefaults(JsonNode schema, JsonNode instance) {
        if (instance instanceof ObjectNode object && schema.has("properties")) {
            for (Map.Entry<String, JsonNode> property : schema.get("properties").properties()) {
                if (!object.has(property.getKey()) && property.getValue().has("default")) {
                    object.set(property.getKey(), property.getValue().get("default").deepCopy());
                }
                if (object.has(property.getKey())) {
                    applyDefaults(property.getValue(), object.get(property.getKey()));
                }
            }
        } else if (instance.isArray() && schema.has("items")) {
            instance.forEach(item -> applyDefaults(schema.get("items"), item));
        }
    }

    /**
     * A copy that rejects unknown fields below {@code spec}, as {@code kubectl apply --validate=strict} does; the
     * API server itself would silently drop them, which hides typos.
     */
    public static JsonNode strict(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        forbidUnknownFields(copy.at("/properties/spec"));
        return copy;
    }

    private static void forbidUnknownFields(JsonNode schema) {
        if (!(schema instanceof ObjectNode node)) {
            return;
        }
        if (node.has("properties") && !node.has("additionalProperties")
                && !node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            node.put("additionalProperties", false);
        }
        node.path("properties").forEach(CrdSchema::forbidUnknownFields);
        forbidUnknownFields(node.path("items"));
    }

    /**
     * The CRD's schema, made strict, as a json-schema-validator Schema. Kubernetes' structural schemas are OpenAPI 3.0,
     * closest to draft 4; its x-kubernetes-* keywords validate nothing here: CEL rules are checked with dev.cel, and
     * int-or-string is already spelled out as anyOf.
     */
    public static Schema strictValidator(JsonNode schema) {
        Dialect kubernetes = Dialect.builder(Dialects.getDraft4())
                .keyword(new NonValidationKeyword("x-kubernetes-validations"))
                .keyword(new NonValidationKeyword("x-kubernetes-int-or-string"))
                .build();
        return SchemaRegistry.withDefaultDialect(kubernetes).getSchema(strict(schema).toString(), InputFormat.JSON);
    }
}
