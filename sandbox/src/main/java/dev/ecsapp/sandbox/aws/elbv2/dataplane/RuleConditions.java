package dev.ecsapp.sandbox.aws.elbv2.dataplane;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.QueryStringKeyValuePair;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;

/**
 * Whether a request satisfies a rule's conditions, as ALB evaluates them: every condition must hold, and a condition
 * holds when any of its values matches (ALB guide, "Listener rules", condition types). The conditions come
 * normalized by ConditionRules, so host-header and path-pattern carry Values.
 */
final class RuleConditions {

    private RuleConditions() {
    }

    static boolean allMatch(List<RuleCondition> conditions, IncomingRequest request) {
        return conditions.stream().allMatch(c -> matches(c, request));
    }

    private static boolean matches(RuleCondition condition, IncomingRequest request) {
        return switch (condition.field()) {
            // The path is compared without the query string, case-sensitively.
            case "path-pattern" -> condition.values().stream()
                    .anyMatch(p -> Wildcard.matches(p, request.path(), false));
            // Host names are case-insensitive; the port the client named is not part of the match.
            case "host-header" -> condition.values().stream()
                    .anyMatch(p -> Wildcard.matches(p, request.host(), true));
            case "http-header" -> httpHeader(condition, request);
            // Methods are case-sensitive and matched exactly.
            case "http-request-method" -> condition.httpRequestMethodConfig().values().contains(request.method());
            case "query-string" -> queryString(condition, request);
            case "source-ip" -> condition.sourceIpConfig().values().stream()
                    .anyMatch(cidr -> Cidr.contains(cidr, request.sourceIp()));
            default -> false;
        };
    }

    private static boolean httpHeader(RuleCondition condition, IncomingRequest request) {
        String name = condition.httpHeaderConfig().httpHeaderName();
        List<String> patterns = condition.httpHeaderConfig().values();
        return request.headers().getAll(name).stream()
                .anyMatch(value -> patterns.stream().anyMatch(p -> Wildcard.matches(p, value, true)));
    }

    /** A pair without a key matches any parameter whose value matches; keys and values ignore case. */
    private static boolean queryString(RuleCondition condition, IncomingRequest request) {
        for (QueryStringKeyValuePair pair : condition.queryStringConfig().values()) {
            for (Map.Entry<String, String> parameter : request.queryParameters()) {
                boolean keyMatches = pair.key() == null || Wildcard.matches(pair.key(), parameter.getKey(), true);
                if (keyMatches && Wildcard.matches(pair.value(), parameter.getValue(), true)) {
                    return true;
                }
            }
        }
        return false;
    }
}
