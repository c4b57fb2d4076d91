package dev.ecsapp.sandbox.aws.autoscaling;

import dev.ecsapp.sandbox.aws.protocol.Constraints;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.PredefinedMetricSpecification;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingScalingPolicyConfiguration;

/** What PutScalingPolicy accepts for an ECS service: target tracking on a predefined ECS metric. */
final class ScalingPolicyRules {

    // https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PredefinedMetricSpecification.html
    static final List<MetricType> ECS_METRICS = List.of(MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION,
            MetricType.ECS_SERVICE_AVERAGE_MEMORY_UTILIZATION, MetricType.ALB_REQUEST_COUNT_PER_TARGET);

    private static final Pattern NAME = Pattern.compile("\\p{Print}+");
    private static final int MAX_NAME = 256;
    /** {@code app/<load balancer name>/<id>/targetgroup/<target group name>/<id>}. */
    private static final Pattern RESOURCE_LABEL = Pattern.compile("app/[^/]+/[^/]+/targetgroup/[^/]+/[^/]+");
    private static final int MAX_COOLDOWN = 31_536_000;
    /** The smallest target value the API reference allows. */
    private static final double MIN_TARGET = 8.515920e-109;
    private static final String CONFIGURATION = "targetTrackingScalingPolicyConfiguration";

    private ScalingPolicyRules() {
    }

    static Optional<String> nameProblem(String name) {
        if (name == null) {
            return Optional.of(Constraints.notNull("policyName"));
        }
        if (name.isEmpty() || name.length() > MAX_NAME) {
            return Optional.of(name.isEmpty() ? Constraints.minLength("policyName", name, 1)
                    : Constraints.maxLength("policyName", name, MAX_NAME));
        }
        if (!NAME.matcher(name).matches()) {
            return Optional.of(Constraints.pattern("policyName", name, "\\p{Print}+"));
        }
        return Optional.empty();
    }

    /** Only target tracking is simulated; a request without a type means StepScaling, AWS's original type. */
    static Optional<String> typeProblem(String type) {
        PolicyType parsed = type == null ? PolicyType.STEP_SCALING : PolicyType.fromValue(type);
        if (parsed == PolicyType.UNKNOWN_TO_SDK_VERSION) {
            return Optional.of(Constraints.enumValue("policyType", type, PolicyType.knownValues()));
        }
        if (parsed != PolicyType.TARGET_TRACKING_SCALING) {
            return Optional.of("The sandbox simulates TargetTrackingScaling policies only, not " + parsed);
        }
        return Optional.empty();
    }

    static Optional<String> configurationProblem(TargetTrackingScalingPolicyConfiguration configuration) {
        if (configuration == null) {
            return Optional.of(Constraints.notNull(CONFIGURATION));
        }
        if (configuration.targetValue() == null) {
            return Optional.of(Constraints.notNull(CONFIGURATION + ".targetValue"));
        }
        if (configuration.targetValue() < MIN_TARGET) {
            return Optional.of(Constraints.minValue(CONFIGURATION + ".targetValue", configuration.targetValue(),
                    MIN_TARGET));
        }
        Optional<String> cooldown = cooldownProblem("scaleOutCooldown", configuration.scaleOutCooldown())
                .or(() -> cooldownProblem("scaleInCooldown", configuration.scaleInCooldown()));
        if (cooldown.isPresent()) {
            return cooldown;
        }
        if (configuration.customizedMetricSpecification() != null) {
            return Optional.of("The sandbox simulates predefined metrics only: " + ECS_METRICS);
        }
        return metricProblem(configuration.predefinedMetricSpecification());
    }

    private static Optional<String> metricProblem(PredefinedMetricSpecification metric) {
        if (metric == null) {
            // One of the two metric specifications is required.
            return Optional.of("Either PredefinedMetricSpecification or CustomizedMetricSpecification must be "
                    + "specified");
        }
        String member = CONFIGURATION + ".predefinedMetricSpecification.predefinedMetricType";
        if (metric.predefinedMetricType() == null) {
            return Optional.of(Constraints.notNull(member));
        }
        if (metric.predefinedMetricType() == MetricType.UNKNOWN_TO_SDK_VERSION) {
            return Optional.of(Constraints.enumValue(member, metric.predefinedMetricTypeAsString(),
                    MetricType.knownValues()));
        }
        if (!ECS_METRICS.contains(metric.predefinedMetricType())) {
            return Optional.of("Unsupported predefined metric type " + metric.predefinedMetricType()
                    + " for service namespace ecs");
        }
        if (metric.predefinedMetricType() == MetricType.ALB_REQUEST_COUNT_PER_TARGET) {
            if (metric.resourceLabel() == null) {
                return Optional.of("ResourceLabel is required for the predefined metric type "
                        + MetricType.ALB_REQUEST_COUNT_PER_TARGET);
            }
            if (!RESOURCE_LABEL.matcher(metric.resourceLabel()).matches()) {
                return Optional.of("Invalid ResourceLabel " + metric.resourceLabel() + ": expected app/<load-balancer-"
                        + "name>/<load-balancer-id>/targetgroup/<target-group-name>/<target-group-id>");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> cooldownProblem(String member, Integer seconds) {
        if (seconds == null) {
            return Optional.empty();
        }
        if (seconds < 0) {
            return Optional.of(Constraints.minValue(CONFIGURATION + "." + member, seconds, 0));
        }
        if (seconds > MAX_COOLDOWN) {
            return Optional.of(Constraints.maxValue(CONFIGURATION + "." + member, seconds, MAX_COOLDOWN));
        }
        return Optional.empty();
    }
}
