package dev.ecsapp.sandbox.aws.elbv2;

import dev.ecsapp.sandbox.aws.protocol.AwsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attributes of Application Load Balancers and of their target groups: each key's default and allowed values
 * (Elastic Load Balancing API reference, LoadBalancerAttribute and TargetGroupAttribute). Unknown keys and values
 * out of range are refused; the rest is recorded. The data plane honours idle_timeout.timeout_seconds, and
 * deregistration_delay.timeout_seconds sets how long a target drains; the others change nothing of the traffic.
 */
final class AttributeRules {

    /** One attribute: its default and what it accepts. */
    private record Attribute(String key, String defaultValue, Values values) {
    }

    /** What an attribute accepts, and how AWS words a refusal. */
    private interface Values {
        /** The refusal message for value, or null when it is accepted. */
        String problem(String key, String value);
    }

    private static final Values BOOLEAN = oneOf("true", "false");
    private static final Values ANY = (key, value) -> null;

    private static final List<Attribute> LOAD_BALANCER = List.of(
            new Attribute("access_logs.s3.enabled", "false", BOOLEAN),
            new Attribute("access_logs.s3.bucket", "", ANY),
            new Attribute("access_logs.s3.prefix", "", ANY),
            new Attribute("client_keep_alive.seconds", "3600", range(60, 604_800)),
            new Attribute("connection_logs.s3.enabled", "false", BOOLEAN),
            new Attribute("connection_logs.s3.bucket", "", ANY),
            new Attribute("connection_logs.s3.prefix", "", ANY),
            new Attribute("deletion_protection.enabled", "false", BOOLEAN),
            new Attribute("idle_timeout.timeout_seconds", "60", range(1, 4000)),
            new Attribute("load_balancing.cross_zone.enabled", "true", BOOLEAN),
            new Attribute("routing.http.desync_mitigation_mode", "defensive",
                    oneOf("monitor", "defensive", "strictest")),
            new Attribute("routing.http.drop_invalid_header_fields.enabled", "false", BOOLEAN),
            new Attribute("routing.http.preserve_host_header.enabled", "false", BOOLEAN),
            new Attribute("routing.http.x_amzn_tls_version_and_cipher_suite.enabled", "false", BOOLEAN),
            new Attribute("routing.http.xff_client_port.enabled", "false", BOOLEAN),
            new Attribute("routing.http.xff_header_processing.mode", "append", oneOf("append", "preserve", "remove")),
            new Attribute("routing.http2.enabled", "true", BOOLEAN),
            new Attribute("waf.fail_open.enabled", "false", BOOLEAN),
            new Attribute("zonal_shift.config.enabled", "false", BOOLEAN));

    private static final List<Attribute> TARGET_GROUP = List.of(
            new Attribute("deregistration_delay.timeout_seconds", "300", range(0, 3600)),
            new Attribute("load_balancing.algorithm.anomaly_mitigation", "off", oneOf("on", "off")),
            new Attribute("load_balancing.algorithm.type", "round_robin",
                    oneOf("round_robin", "least_outstanding_requests", "weighted_random")),
            new Attribute("load_balancing.cross_zone.enabled", "use_load_balancer_configuration",
                    oneOf("true", "false", "use_load_balancer_configuration")),
            new Attribute("slow_start.duration_seconds", "0", (key, value) -> {
                // Slow start is off (0) or lasts 30 to 900 seconds.
                String problem = range(30, 900).problem(key, value);
                return "0".equals(value) ? null : problem;
            }),
            new Attribute("stickiness.app_cookie.cookie_name", "", ANY),
            new Attribute("stickiness.app_cookie.duration_seconds", "86400", range(1, 604_800)),
            new Attribute("stickiness.enabled", "false", BOOLEAN),
            new Attribute("stickiness.lb_cookie.duration_seconds", "86400", range(1, 604_800)),
            new Attribute("stickiness.type", "lb_cookie", oneOf("lb_cookie", "app_cookie")),
            new Attribute("target_group_health.dns_failover.minimum_healthy_targets.count", "1", countOrOff()),
            new Attribute("target_group_health.dns_failover.minimum_healthy_targets.percentage", "off",
                    percentageOrOff()),
            new Attribute("target_group_health.unhealthy_state_routing.minimum_healthy_targets.count", "1",
                    countOrOff()),
            new Attribute("target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage", "off",
                    percentageOrOff()));

    private AttributeRules() {
    }

    static Map<String, String> loadBalancerDefaults() {
        return defaults(LOAD_BALANCER);
    }

    static Map<String, String> targetGroupDefaults() {
        return defaults(TARGET_GROUP);
    }

    /** The attributes after a ModifyLoadBalancerAttributes call, or the refusal of the first bad key or value. */
    static Map<String, String> modifyLoadBalancer(Map<String, String> current, Map<String, String> changes) {
        return modify(LOAD_BALANCER, "Load balancer", current, changes);
    }

    static Map<String, String> modifyTargetGroup(Map<String, String> current, Map<String, String> changes) {
        Map<String, String> modified = modify(TARGET_GROUP, "Target group", current, changes);
        if ("true".equals(modified.get("stickiness.enabled")) && "app_cookie".equals(modified.get("stickiness.type"))
                && modified.get("stickiness.app_cookie.cookie_name").isEmpty()) {
            throw new AwsException("InvalidConfigurationRequest", "You must set an application cookie name to "
                    + "enable stickiness of type 'app_cookie'");
        }
        if ("on".equals(modified.get("load_balancing.algorithm.anomaly_mitigation"))
                && !"weighted_random".equals(modified.get("load_balancing.algorithm.type"))) {
            throw new AwsException("InvalidConfigurationRequest", "Anomaly mitigation is only supported with the "
                    + "'weighted_random' load balancing algorithm");
        }
        return modified;
    }

    private static Map<String, String> modify(List<Attribute> attributes, String subject, Map<String, String> current,
            Map<String, String> changes) {
        Map<String, String> modified = new LinkedHashMap<>(current);
        changes.forEach((key, value) -> {
            Attribute attribute = attributes.stream().filter(a -> a.key().equals(key)).findFirst()
                    .orElseThrow(() -> new AwsException("ValidationError", subject + " attribute key '" + key
                            + "' is not recognized"));
            String problem = attribute.values().problem(key, value);
            if (problem != null) {
                throw new AwsException("ValidationError", problem);
            }
            modified.put(key, value);
        });
        return modified;
    }

    private static Map<String, String> defaults(List<Attribute> attributes) {
        Map<String, String> values = new LinkedHashMap<>();
        attributes.forEach(a -> values.put(a.key(), a.defaultValue()));
        return values;
    }

    private static Values oneOf(String... allowed) {
        List<String> values = List.of(allowed);
        return (key, value) -> values.contains(value) ? null
                : "'" + key + "' must be one of [" + String.join(", ", values) + "]";
    }

    private static Values range(int min, int max) {
        return (key, value) -> {
            try {
                int number = Integer.parseInt(value);
                if (number >= min && number <= max) {
                    return null;
                }
            } catch (NumberFormatException e) {
                // Not a number: refused below like a number out of range.
            }
            return "'" + key + "' value '" + value + "' must be between '" + min + "-" + max + "' inclusive";
        };
    }

    private static Values countOrOff() {
        return (key, value) -> "off".equals(value) ? null : range(1, 10_000).problem(key, value);
    }

    private static Values percentageOrOff() {
        return (key, value) -> "off".equals(value) ? null : range(1, 100).problem(key, value);
    }
}
