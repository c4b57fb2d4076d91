package dev.ecsapp.sandbox.aws.autoscaling;

import dev.ecsapp.sandbox.aws.ScalableServices;
import dev.ecsapp.sandbox.aws.SimulatedMetrics;
import dev.ecsapp.sandbox.time.Scheduler;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import software.amazon.awssdk.services.applicationautoscaling.model.Alarm;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivity;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivityStatusCode;
import software.amazon.awssdk.services.applicationautoscaling.model.SuspendedState;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingScalingPolicyConfiguration;

/** One evaluation of one scalable target: load in, decision, new desired count and scaling activity out. */
final class TargetTrackingEvaluator {

    private final Scheduler scheduler;
    private final ScalableServices services;
    private final SimulatedMetrics metrics;

    TargetTrackingEvaluator(Scheduler scheduler, ScalableServices services, SimulatedMetrics metrics) {
        this.scheduler = scheduler;
        this.services = services;
        this.metrics = metrics;
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
        return new TargetTracking.Policy(policy.name, c.targetValue(), metrics.get(policy.resourceId, metric),
                cooldown(c.scaleOutCooldown()), cooldown(c.scaleInCooldown()), Boolean.TRUE.equals(c.disableScaleIn()));
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
