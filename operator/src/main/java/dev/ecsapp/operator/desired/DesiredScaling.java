package dev.ecsapp.operator.desired;

import dev.ecsapp.operator.api.v1alpha1.AutoscalingSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The scalable target of the service's desired count and its target-tracking policies. */
public record DesiredScaling(
        String resourceId,
        String scalableDimension,
        int minCapacity,
        int maxCapacity,
        List<Policy> policies) {

    public static final String DIMENSION = "ecs:service:DesiredCount";
    /** Scale out fast and in slowly, so a short dip does not remove tasks that a burst needs again at once. */
    static final int SCALE_OUT_COOLDOWN_SECONDS = 60;
    static final int SCALE_IN_COOLDOWN_SECONDS = 300;

    /** Application Auto Scaling's predefined metrics for an ECS service, by their API names. */
    public enum Metric {
        ECSServiceAverageCPUUtilization("cpu"),
        ECSServiceAverageMemoryUtilization("memory"),
        /** Needs a resource label naming the load balancer and target group; see {@link #requestCountLabel}. */
        ALBRequestCountPerTarget("requests");

        private final String nameSuffix;

        Metric(String nameSuffix) {
            this.nameSuffix = nameSuffix;
        }
    }

    /** One target-tracking policy. */
    public record Policy(String name, Metric metric, double targetValue, int scaleOutCooldownSeconds,
            int scaleInCooldownSeconds) {
    }

    public static Optional<DesiredScaling> of(AppInput input) {
        AutoscalingSpec autoscaling = input.spec().autoscaling();
        if (autoscaling == null) {
            return Optional.empty();
        }
        ResourceNames names = input.names();
        List<Policy> policies = new ArrayList<>();
        addPolicy(policies, names, Metric.ECSServiceAverageCPUUtilization, autoscaling.targetCpuPercent());
        addPolicy(policies, names, Metric.ECSServiceAverageMemoryUtilization, autoscaling.targetMemoryPercent());
        addPolicy(policies, names, Metric.ALBRequestCountPerTarget, autoscaling.requestsPerTarget());
        return Optional.of(new DesiredScaling(names.scalableResourceId(input.settings().cluster()), DIMENSION,
                autoscaling.minReplicas(), autoscaling.maxReplicas(), List.copyOf(policies)));
    }

    private static void addPolicy(List<Policy> policies, ResourceNames names, Metric metric, Integer target) {
        if (target != null) {
            policies.add(new Policy(names.scalingPolicyName(metric.nameSuffix), metric, target,
                    SCALE_OUT_COOLDOWN_SECONDS, SCALE_IN_COOLDOWN_SECONDS));
        }
    }

    /**
     * The resource label of {@link Metric#ALBRequestCountPerTarget}: app/lb-name/lb-id/targetgroup/tg-name/tg-id,
     * read off the listener ARN (which contains its load balancer) and the target group ARN.
     */
    public static String requestCountLabel(String listenerArn, String targetGroupArn) {
        String loadBalancer = listenerArn.substring(listenerArn.indexOf(":listener/") + ":listener/".length());
        String loadBalancerPart = loadBalancer.substring(0, loadBalancer.lastIndexOf('/'));
        String targetGroup = targetGroupArn.substring(targetGroupArn.indexOf(":targetgroup/") + 1);
        return loadBalancerPart + "/" + targetGroup;
    }
}
