package dev.ecsapp.sandbox.aws.autoscaling;

import dev.ecsapp.sandbox.aws.ScalableServices;
import dev.ecsapp.sandbox.aws.SimulatedMetrics;
import dev.ecsapp.sandbox.aws.cloudwatch.MetricStore;
import dev.ecsapp.sandbox.aws.elbv2.dataplane.TargetGroupMetrics;
import dev.ecsapp.sandbox.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.UUID;
import software.amazon.awssdk.services.applicationautoscaling.model.Alarm;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivity;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivityStatusCode;
import software.amazon.awssdk.services.applicationautoscaling.model.SuspendedState;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingScalingPolicyConfiguration;

/** One evaluation of one scalable target: load in, decision, new desired count and scaling activity out. */
final class TargetTrackingEvaluator {

    private final Scheduler scheduler;
    private final ScalableServices services;
    private final SimulatedMetrics metrics;
    private final MetricStore cloudWatch;

    /**
     * @param metrics    values set through the control API; one set for a service and metric wins
     * @param cloudWatch what the load balancers' data plane measured: ALBRequestCountPerTarget comes from it
     */
    TargetTrackingEvaluator(Scheduler scheduler, ScalableServices services, SimulatedMetrics metrics,
            MetricStore cloudWatch) {
        this.scheduler = scheduler;
        this.services = services;
        this.metrics = metrics;
        this.cloudWatch = cloudWatch;
    }

    /**
     * Scales the target if its range or its policies call for it. A range changed by RegisterScalableTarget comes
     * first; a service that no longer exists is left alone.
     */
    Optional<ScalingActivity> evaluate(StoredScalableTarget target, List<StoredScalingPolicy> policies) {
        OptionalInt desired = services.desiredCount(target.resourceId);
        if (desired.isEmpty()) {
            return Optional.empty();
        }
        int current = desired.getAsInt();
        if (target.rangeChanged) {
            target.rangeChanged = false;
            OptionalInt inside = TargetTracking.intoRange(current, target.minCapacity, target.maxCapacity);
            if (inside.isPresent()) {
                return Optional.of(scale(target, inside.getAsInt(), current < target.minCapacity
                        ? "minimum capacity was set to " + target.minCapacity
                        : "maximum capacity was set to " + target.maxCapacity));
            }
        }
        SuspendedState suspended = target.suspendedState;
        TargetTracking.Target state = new TargetTracking.Target(current, target.minCapacity, target.maxCapacity,
                target.lastScaleOut, target.lastScaleIn, Boolean.TRUE.equals(suspended.dynamicScalingOutSuspended()),
                Boolean.TRUE.equals(suspended.dynamicScalingInSuspended()));
        return TargetTracking.decide(state, policies.stream().map(this::view).toList(), scheduler.now())
                .map(decision -> {
                    StoredScalingPolicy policy = policies.stream().filter(p -> p.name.equals(decision.policyName()))
                            .findFirst().orElseThrow();
                    boolean out = decision.direction() == TargetTracking.Direction.OUT;
                    if (out) {
                        target.lastScaleOut = scheduler.now();
                    } else {
                        target.lastScaleIn = scheduler.now();
                    }
                    Alarm alarm = out ? policy.alarmHigh : policy.alarmLow;
                    return scale(target, decision.desired(), "monitor alarm " + alarm.alarmName()
                            + " in state ALARM triggered policy " + policy.name);
                });
    }

    private TargetTracking.Policy view(StoredScalingPolicy policy) {
        TargetTrackingScalingPolicyConfiguration c = policy.configuration;
        String metric = c.predefinedMetricSpecification().predefinedMetricTypeAsString();
        OptionalDouble value = metrics.get(policy.resourceId, metric);
        if (value.isEmpty() && c.predefinedMetricSpecification().predefinedMetricType()
                == MetricType.ALB_REQUEST_COUNT_PER_TARGET) {
            value = requestsPerTarget(policy.resourceId, c.predefinedMetricSpecification().resourceLabel());
        }
        return new TargetTracking.Policy(policy.name, c.targetValue(), value,
                cooldown(c.scaleOutCooldown()), cooldown(c.scaleInCooldown()), Boolean.TRUE.equals(c.disableScaleIn()));
    }

    /**
     * ALBRequestCountPerTarget over the last whole minute: the target group's RequestCount (the group named by the
     * resource label, app/.../targetgroup/name/id) divided by the service's desired count. Empty when the minute
     * has no datapoint, as CloudWatch has none for a minute without requests: target tracking then does nothing.
     */
    private OptionalDouble requestsPerTarget(String resourceId, String resourceLabel) {
        int at = resourceLabel == null ? -1 : resourceLabel.indexOf("targetgroup/");
        OptionalInt desired = services.desiredCount(resourceId);
        if (at < 0 || desired.isEmpty()) {
            return OptionalDouble.empty();
        }
        Instant end = scheduler.now().truncatedTo(ChronoUnit.MINUTES);
        MetricStore.MetricId requests = TargetGroupMetrics.byTargetGroup(resourceLabel.substring(at),
                TargetGroupMetrics.REQUEST_COUNT);
        List<Map.Entry<Instant, MetricStore.Stats>> minute = cloudWatch.aggregate(requests, end.minusSeconds(60), end,
                Duration.ofMinutes(1));
        if (minute.isEmpty()) {
            return OptionalDouble.empty();
        }
        double sum = minute.stream().mapToDouble(point -> point.getValue().sum()).sum();
        return OptionalDouble.of(sum / Math.max(1, desired.getAsInt()));
    }

    /** Sets the service's desired count and words the activity as AWS words a successful ECS scaling activity. */
    private ScalingActivity scale(StoredScalableTarget target, int desired, String cause) {
        services.setDesiredCount(target.resourceId, desired);
        Instant now = scheduler.now();
        return ScalingActivity.builder()
                .activityId(UUID.randomUUID().toString())
                .serviceNamespace(EcsScalableTargets.NAMESPACE)
                .resourceId(target.resourceId)
                .scalableDimension(EcsScalableTargets.DIMENSION)
                .description("Setting desired count to " + desired + ".")
                .cause(cause)
                .startTime(now)
                .endTime(now)
                .statusCode(ScalingActivityStatusCode.SUCCESSFUL)
                .statusMessage("Successfully set desired count to " + desired
                        + ". Change successfully fulfilled by ecs.")
                .build();
    }

    private static int cooldown(Integer seconds) {
        return seconds == null ? TargetTracking.DEFAULT_COOLDOWN_SECONDS : seconds;
    }
}
