package dev.ecsapp.operator.aws;

import dev.ecsapp.operator.desired.DesiredScaling;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingScalingPolicyConfiguration;

// RegisterScalableTarget and PutScalingPolicy are upserts, so create and update share them; tags are given at
// registration only (AWS ignores them on a later RegisterScalableTarget of the same target).
/** Application Auto Scaling of an ECS service's desired count: scalable target and target-tracking policies. */
public final class ScalingAdapter {

    public static final String CAPACITY = "capacity";
    public static final String POLICIES = "policies";

    private final ApplicationAutoScalingClient autoScaling;

    public ScalingAdapter(ApplicationAutoScalingClient autoScaling) {
        this.autoScaling = autoScaling;
    }

    public Optional<ObservedScaling> observe(String resourceId) {
        Optional<ScalableTarget> target = AwsErrors.call("DescribeScalableTargets", () -> autoScaling
                .describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceIds(resourceId)
                        .scalableDimension(DesiredScaling.DIMENSION))).scalableTargets().stream().findFirst();
        if (target.isEmpty()) {
            return Optional.empty();
        }
        List<DesiredScaling.Policy> policies = AwsErrors.call("DescribeScalingPolicies", () -> autoScaling
                .describeScalingPoliciesPaginator(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(resourceId)
                        .scalableDimension(DesiredScaling.DIMENSION)).scalingPolicies().stream()
                .filter(ScalingAdapter::isPredefinedTargetTracking)
                .map(ScalingAdapter::policy)
                // The desired list is in the order of the Metric enum; AWS's is its own.
                .sorted(Comparator.comparing(DesiredScaling.Policy::metric))
                .toList());
        return Optional.of(new ObservedScaling(target.get().scalableTargetARN(), new DesiredScaling(resourceId,
                target.get().scalableDimensionAsString(), target.get().minCapacity(), target.get().maxCapacity(),
                policies)));
    }

    /**
     * Registers the scalable target with the ownership tags and puts every policy; returns the target's ARN.
     * {@code requestCountLabel} is needed only by an ALBRequestCountPerTarget policy (see
     * {@link DesiredScaling#requestCountLabel}).
     */
    public String create(DesiredScaling desired, Map<String, String> tags, String requestCountLabel) {
        String arn = AwsErrors.call("RegisterScalableTarget", () -> autoScaling.registerScalableTarget(r -> r
                .serviceNamespace(ServiceNamespace.ECS).resourceId(desired.resourceId())
                .scalableDimension(ScalableDimension.fromValue(desired.scalableDimension()))
                .minCapacity(desired.minCapacity()).maxCapacity(desired.maxCapacity()).tags(tags)))
                .scalableTargetARN();
        desired.policies().forEach(policy -> putPolicy(desired, policy, requestCountLabel));
        return arn;
    }

    /** Changes capacity and policies where they differ, and deletes policies no longer desired. */
    public SortedSet<String> update(DesiredScaling desired, ObservedScaling observed, String requestCountLabel) {
        SortedSet<String> changed = new TreeSet<>();
        DesiredScaling seen = observed.shape();
        if (desired.minCapacity() != seen.minCapacity() || desired.maxCapacity() != seen.maxCapacity()) {
            AwsErrors.call("RegisterScalableTarget", () -> autoScaling.registerScalableTarget(r -> r
                    .serviceNamespace(ServiceNamespace.ECS).resourceId(desired.resourceId())
                    .scalableDimension(ScalableDimension.fromValue(desired.scalableDimension()))
                    .minCapacity(desired.minCapacity()).maxCapacity(desired.maxCapacity())));
            changed.add(CAPACITY);
        }
        for (DesiredScaling.Policy policy : desired.policies()) {
            if (!seen.policies().contains(policy)) {
                putPolicy(desired, policy, requestCountLabel);
                changed.add(POLICIES);
            }
        }
        Set<String> wanted = desired.policies().stream().map(DesiredScaling.Policy::name).collect(Collectors.toSet());
        for (DesiredScaling.Policy policy : seen.policies()) {
            if (!wanted.contains(policy.name())) {
                AwsErrors.find("DeleteScalingPolicy", () -> autoScaling.deleteScalingPolicy(r -> r
                        .serviceNamespace(ServiceNamespace.ECS).resourceId(desired.resourceId())
                        .scalableDimension(ScalableDimension.fromValue(desired.scalableDimension()))
                        .policyName(policy.name())));
                changed.add(POLICIES);
            }
        }
        return changed;
    }

    /** Whether the scalable target's tags name the app as its owner (one ListTagsForResource). */
    public boolean ownedBy(ObservedScaling observed, dev.ecsapp.operator.desired.AppIdentity app) {
        Map<String, String> tags = AwsErrors.call("ListTagsForResource", () -> autoScaling.listTagsForResource(r -> r
                .resourceARN(observed.scalableTargetArn()))).tags();
        return dev.ecsapp.operator.desired.Ownership.ownedBy(app, tags);
    }

    /** Deregisters the scalable target, which deletes its policies too; true when there was one. */
    public boolean delete(String resourceId) {
        return AwsErrors.find("DeregisterScalableTarget", () -> autoScaling.deregisterScalableTarget(r -> r
                .serviceNamespace(ServiceNamespace.ECS).resourceId(resourceId)
                .scalableDimension(ScalableDimension.fromValue(DesiredScaling.DIMENSION)))).isPresent();
    }

    private void putPolicy(DesiredScaling desired, DesiredScaling.Policy policy, String requestCountLabel) {
        boolean requests = policy.metric() == DesiredScaling.Metric.ALBRequestCountPerTarget;
        AwsErrors.call("PutScalingPolicy", () -> autoScaling.putScalingPolicy(r -> r
                .serviceNamespace(ServiceNamespace.ECS).resourceId(desired.resourceId())
                .scalableDimension(ScalableDimension.fromValue(desired.scalableDimension()))
                .policyName(policy.name())
                .policyType(PolicyType.TARGET_TRACKING_SCALING)
                .targetTrackingScalingPolicyConfiguration(c -> c
                        .targetValue(policy.targetValue())
                        .scaleOutCooldown(policy.scaleOutCooldownSeconds())
                        .scaleInCooldown(policy.scaleInCooldownSeconds())
                        .predefinedMetricSpecification(m -> m.predefinedMetricType(policy.metric().name())
                                .resourceLabel(requests ? requestCountLabel : null)))));
    }

    /** Other kinds of policy (step scaling, custom metrics) are not the operator's: left out, so left alone. */
    private static boolean isPredefinedTargetTracking(ScalingPolicy policy) {
        TargetTrackingScalingPolicyConfiguration config = policy.targetTrackingScalingPolicyConfiguration();
        return policy.policyType() == PolicyType.TARGET_TRACKING_SCALING && config != null
                && config.predefinedMetricSpecification() != null
                && Arrays.stream(DesiredScaling.Metric.values()).anyMatch(metric -> metric.name()
                        .equals(config.predefinedMetricSpecification().predefinedMetricTypeAsString()));
    }

    private static DesiredScaling.Policy policy(ScalingPolicy policy) {
        TargetTrackingScalingPolicyConfiguration config = policy.targetTrackingScalingPolicyConfiguration();
        return new DesiredScaling.Policy(policy.policyName(),
                DesiredScaling.Metric.valueOf(config.predefinedMetricSpecification().predefinedMetricTypeAsString()),
                config.targetValue(), config.scaleOutCooldown() == null ? 0 : config.scaleOutCooldown(),
                config.scaleInCooldown() == null ? 0 : config.scaleInCooldown());
    }
}
