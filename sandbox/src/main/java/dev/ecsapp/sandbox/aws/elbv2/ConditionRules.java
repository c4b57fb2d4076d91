package dev.ecsapp.sandbox.aws.elbv2;

import dev.ecsapp.sandbox.aws.protocol.AwsException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.HostHeaderConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.PathPatternConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.QueryStringKeyValuePair;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;

/**
 * Listener rule conditions: which fields exist, what each needs, and the five-values-per-rule limit (Application Load
 * Balancer guide, "Listener rules"; API reference, RuleCondition). Conditions come back in AWS's shape: host-header
 * and path-pattern with both the legacy Values and their config.
 */
final class ConditionRules {

    static final int MAX_VALUES_PER_RULE = 5;
    private static final List<String> FIELDS = List.of("http-header", "http-request-method", "host-header",
            "path-pattern", "query-string", "source-ip");
    /** Fields a rule may use once; http-header and query-string may repeat. */
    private static final Set<String> ONCE_PER_RULE = Set.of("http-request-method", "host-header", "path-pattern",
            "source-ip");
    private static final Pattern METHOD = Pattern.compile("[A-Z_-]+");
    private static final Pattern IPV4_CIDR = Pattern.compile("(\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2}");
    private static final Pattern IPV6_CIDR = Pattern.compile("[0-9a-fA-F:]+/\\d{1,3}");

    private ConditionRules() {
    }

    /** The conditions as AWS keeps and describes them, or the refusal of the first problem. */
    static List<RuleCondition> normalize(List<RuleCondition> conditions) {
        Constraints.atLeast(conditions, 1, "conditions");
        List<RuleCondition> normalized = new ArrayList<>();
        Set<String> fieldsSeen = new HashSet<>();
        int values = 0;
        for (RuleCondition condition : conditions) {
            String field = Constraints.required(condition.field(), "conditions.member.field");
            if (!FIELDS.contains(field)) {
                throw new AwsException("ValidationError", "Condition field '" + field + "' must be one of '["
                        + String.join(",", FIELDS) + "]'");
            }
            if (ONCE_PER_RULE.contains(field) && !fieldsSeen.add(field)) {
                throw new AwsException("ValidationError", "A rule can only have one '" + field + "' condition");
            }
            if (condition.hasRegexValues() || hasRegexConfig(condition)) {
                throw new AwsException("ValidationError", "Regular expression conditions are not simulated by the "
                        + "sandbox");
            }
            if (condition.hasValues() && !field.equals("host-header") && !field.equals("path-pattern")) {
                throw new AwsException("ValidationError", "The 'Values' field is not compatible with '" + field + "'");
            }
            RuleCondition checked = switch (field) {
                case "host-header" -> hostHeader(condition);
                case "path-pattern" -> pathPattern(condition);
                case "http-header" -> httpHeader(condition);
                case "http-request-method" -> httpRequestMethod(condition);
                case "query-string" -> queryString(condition);
                default -> sourceIp(condition);
            };
            values += valueCount(checked);
            normalized.add(checked);
        }
        if (values > MAX_VALUES_PER_RULE) {
            throw new AwsException("ValidationError", "A rule can only have '" + MAX_VALUES_PER_RULE
                    + "' condition values");
        }
        return normalized;
    }

    private static RuleCondition hostHeader(RuleCondition condition) {
        List<String> values = legacyOrConfig(condition, "host-header",
                condition.hostHeaderConfig() == null ? null : condition.hostHeaderConfig().values());
        checkLengths(values, "host-header", 128);
        return RuleCondition.builder().field("host-header").values(values)
                .hostHeaderConfig(HostHeaderConditionConfig.builder().values(values).build()).build();
    }

    private static RuleCondition pathPattern(RuleCondition condition) {
        List<String> values = legacyOrConfig(condition, "path-pattern",
                condition.pathPatternConfig() == null ? null : condition.pathPatternConfig().values());
        checkLengths(values, "path-pattern", 128);
        return RuleCondition.builder().field("path-pattern").values(values)
                .pathPatternConfig(PathPatternConditionConfig.builder().values(values).build()).build();
    }

    /** host-header and path-pattern take one legacy value or a config with several, not both. */
    private static List<String> legacyOrConfig(RuleCondition condition, String field, List<String> configValues) {
        boolean legacy = condition.hasValues() && !condition.values().isEmpty();
        boolean config = configValues != null && !configValues.isEmpty();
        if (legacy && config) {
            throw new AwsException("ValidationError", "You cannot provide both Values and '"
                    + (field.equals("host-header") ? "HostHeaderConfig" : "PathPatternConfig")
                    + "' for a condition of type '" + field + "'");
        }
        if (legacy && condition.values().size() > 1) {
            throw new AwsException("ValidationError", "The '" + field + "' field contains too many values; the limit "
                    + "is '1'");
        }
        if (!legacy && !config) {
            throw new AwsException("ValidationError", "A condition value must be specified");
        }
        return List.copyOf(legacy ? condition.values() : configValues);
    }

    private static RuleCondition httpHeader(RuleCondition condition) {
        if (condition.httpHeaderConfig() == null) {
            throw new AwsException("ValidationError", "A 'HttpHeaderConfig' must be specified with 'http-header'");
        }
        String name = Constraints.required(condition.httpHeaderConfig().httpHeaderName(),
                "conditions.member.httpHeaderConfig.httpHeaderName");
        if (name.length() > 40) {
            throw new AwsException("ValidationError", "The 'HttpHeaderName' value is too long; the limit is '40'");
        }
        requireValues(condition.httpHeaderConfig().values());
        checkLengths(condition.httpHeaderConfig().values(), "http-header", 128);
        return RuleCondition.builder().field("http-header").httpHeaderConfig(condition.httpHeaderConfig()).build();
    }

    private static RuleCondition httpRequestMethod(RuleCondition condition) {
        if (condition.httpRequestMethodConfig() == null) {
            throw new AwsException("ValidationError", "A 'HttpRequestMethodConfig' must be specified with "
                    + "'http-request-method'");
        }
        List<String> methods = condition.httpRequestMethodConfig().values();
        requireValues(methods);
        checkLengths(methods, "http-request-method", 40);
        for (String method : methods) {
            if (!METHOD.matcher(method).matches()) {
                throw new AwsException("ValidationError", "The 'http-request-method' value is invalid; the allowed "
                        + "characters are A-Z, hyphen and underscore");
            }
        }
        return RuleCondition.builder().field("http-request-method")
                .httpRequestMethodConfig(condition.httpRequestMethodConfig()).build();
    }

    private static RuleCondition queryString(RuleCondition condition) {
        if (condition.queryStringConfig() == null) {
            throw new AwsException("ValidationError", "A 'QueryStringConfig' must be specified with 'query-string'");
        }
        requireValues(condition.queryStringConfig().values());
        for (QueryStringKeyValuePair pair : condition.queryStringConfig().values()) {
            if (pair.value() == null) {
                throw new AwsException("ValidationError", "A 'Value' must be specified in 'QueryStringKeyValuePair'");
            }
            if (pair.key() != null && pair.key().length() > 128) {
                throw new AwsException("ValidationError", "The 'Key' value is too long; the limit is '128'");
            }
            if (pair.value().length() > 128) {
                throw new AwsException("ValidationError", "The 'Value' value is too long; the limit is '128'");
            }
        }
        return RuleCondition.builder().field("query-string").queryStringConfig(condition.queryStringConfig()).build();
    }

    private static RuleCondition sourceIp(RuleCondition condition) {
        if (condition.sourceIpConfig() == null) {
            throw new AwsException("ValidationError", "A 'SourceIpConfig' must be specified with 'source-ip'");
        }
        List<String> cidrs = condition.sourceIpConfig().values();
        if (cidrs == null || cidrs.isEmpty()) {
            throw new AwsException("ValidationError", "A 'source-ip' value must be specified");
        }
        for (String cidr : cidrs) {
            if (!IPV4_CIDR.matcher(cidr).matches() && !IPV6_CIDR.matcher(cidr).matches()) {
                throw new AwsException("ValidationError", "The 'source-ip' value '" + cidr + "' is not a valid CIDR "
                        + "block");
            }
        }
        return RuleCondition.builder().field("source-ip").sourceIpConfig(condition.sourceIpConfig()).build();
    }

    private static void requireValues(List<?> values) {
        if (values == null || values.isEmpty()) {
            throw new AwsException("ValidationError", "A condition value must be specified");
        }
    }

    private static void checkLengths(List<String> values, String field, int limit) {
        for (String value : values) {
            if (value.length() > limit) {
                throw new AwsException("ValidationError", "The '" + field + "' value is too long; the limit is '"
                        + limit + "'");
            }
        }
    }

    private static boolean hasRegexConfig(RuleCondition condition) {
        return condition.hostHeaderConfig() != null && condition.hostHeaderConfig().hasRegexValues()
                || condition.pathPatternConfig() != null && condition.pathPatternConfig().hasRegexValues()
                || condition.httpHeaderConfig() != null && condition.httpHeaderConfig().hasRegexValues();
    }

    private static int valueCount(RuleCondition condition) {
        return switch (condition.field()) {
            case "host-header", "path-pattern" -> condition.values().size();
            case "http-header" -> condition.httpHeaderConfig().values().size();
            case "http-request-method" -> condition.httpRequestMethodConfig().values().size();
            case "query-string" -> condition.queryStringConfig().values().size();
            default -> condition.sourceIpConfig().values().size();
        };
    }
}
