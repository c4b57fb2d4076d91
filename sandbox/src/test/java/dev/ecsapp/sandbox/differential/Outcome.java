package dev.ecsapp.sandbox.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * What one implementation answered to a scenario, as a JSON tree with everything that legitimately differs between
 * two runs (timestamps, generated IDs) replaced by placeholders, so that two answers can be compared field by field.
 */
final class Outcome {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Outcome() {
    }

    /** Runs a call; its response, or its AWS error (code, message, status), becomes the tree. */
    static JsonNode of(Supplier<? extends SdkPojo> call) {
        try {
            return tree(call.get());
        } catch (AwsServiceException e) {
            ObjectNode error = NODES.objectNode();
            error.put("code", e.awsErrorDetails().errorCode());
            error.put("message", e.awsErrorDetails().errorMessage());
            error.put("status", e.statusCode());
            return NODES.objectNode().set("error", error);
        }
    }

    /** Several calls in order, their outcomes under the names given (a scenario with set-up steps). */
    static JsonNode steps(Map<String, JsonNode> steps) {
        ObjectNode node = NODES.objectNode();
        new TreeMap<>(steps).forEach(node::set);
        return node;
    }

    static JsonNode tree(SdkPojo pojo) {
        ObjectNode node = NODES.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (value != null && !(value instanceof SdkAutoConstructList) && !(value instanceof SdkAutoConstructMap)) {
                // Some APIs (CloudWatch Logs) send times as epoch milliseconds in a plain number field.
                boolean epochMillis = value instanceof Long && field.memberName().endsWith("Time");
                node.set(field.memberName(), epochMillis ? NODES.textNode("<timestamp>") : value(value));
            }
        }
        return node;
    }

    private static JsonNode value(Object value) {
        if (value instanceof SdkPojo pojo) {
            return tree(pojo);
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(item -> array.add(value(item)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            new TreeMap<>(map).forEach((k, v) -> object.set(String.valueOf(k), value(v)));
            return object;
        }
        if (value instanceof Instant) {
            return NODES.textNode("<timestamp>");
        }
        if (value instanceof String text) {
            return NODES.textNode(normalize(text));
        }
        return JSON.valueToTree(value);
    }

    /** Generated parts of IDs and ARNs become placeholders; names and fixed parts stay. */
    static String normalize(String text) {
        return text
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>")
                .replaceAll("\\b[0-9a-f]{32}\\b", "<task-id>")
                .replaceAll("ecs-svc/\\d+", "ecs-svc/<id>")
                .replaceAll("sha256:[0-9a-f]{64}", "sha256:<digest>")
                .replaceAll("/[0-9a-f]{16}(?=[/']|$)", "/<hex16>")
                .replaceAll("\\b(subnet|sg|vpc)-[0-9a-f]{8,17}\\b", "$1-<id>");
    }
}
