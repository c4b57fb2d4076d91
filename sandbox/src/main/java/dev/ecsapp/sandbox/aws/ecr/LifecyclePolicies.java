package dev.ecsapp.sandbox.aws.ecr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsapp.sandbox.aws.protocol.Constraints;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What ECR checks of a lifecycle policy text: its length, JSON with a {@code rules} array, the required rule fields.
 */
final class LifecyclePolicies {

    // https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_PutLifecyclePolicy.html
    private static final int MIN_LENGTH = 100;
    private static final int MAX_LENGTH = 30_720;
    private static final List<String> RULE_PROPERTIES = List.of("action", "rulePriority", "selection");
    /** ECR quotes its JSON schema validator's words inside a sentence of its own. */
    private static final String FAILURE = "Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: "
            + "'Lifecycle policy validation failure: ";

    private LifecyclePolicies() {
    }

    /** InvalidParameterException's message for the text, or empty when ECR would take it. */
    static Optional<String> problem(String text, ObjectMapper mapper) {
        if (text == null) {
            return Optional.of(Constraints.notNull("lifecyclePolicyText"));
        }
        if (text.length() < MIN_LENGTH) {
            return Optional.of(Constraints.minLength("lifecyclePolicyText", text, MIN_LENGTH));
        }
        if (text.length() > MAX_LENGTH) {
            return Optional.of(Constraints.maxLength("lifecyclePolicyText", text, MAX_LENGTH));
        }
        JsonNode policy;
        try {
            policy = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            policy = null;
        }
        if (policy == null || !policy.isObject()) {
            return Optional.of(FAILURE + "Could not map policyString into LifecyclePolicy.'");
        }
        if (!policy.path("rules").isArray()) {
            return Optional.of(FAILURE + "object has missing required properties ([\"rules\"])'");
        }
        for (JsonNode rule : policy.get("rules")) {
            if (!rule.isObject()) {
                String type = rule.getNodeType().name().toLowerCase(Locale.ROOT);
                return Optional.of(FAILURE + "instance type (" + type + ") does not match any allowed primitive type "
                        + "(allowed: [\"object\"])'");
            }
            List<String> missing = new ArrayList<>();
            for (String property : RULE_PROPERTIES) {
                if (!rule.has(property)) {
                    missing.add("\"" + property + "\"");
                }
            }
            if (!missing.isEmpty()) {
                return Optional.of(FAILURE + "object has missing required properties (["
                        + missing.stream().collect(Collectors.joining(",")) + "])'");
            }
        }
        return Optional.empty();
    }
}
