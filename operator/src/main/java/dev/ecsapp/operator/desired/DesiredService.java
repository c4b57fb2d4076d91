package dev.ecsapp.operator.desired;

import dev.ecsapp.operator.api.v1alpha1.CapacityProviderItem;
import dev.ecsapp.operator.api.v1alpha1.EcsAppSpec;
import dev.ecsapp.operator.api.v1alpha1.LoadBalancerSpec;
import dev.ecsapp.operator.api.v1alpha1.RolloutSpec;
import dev.ecsapp.operator.config.ResolvedSettings;
import java.util.List;
import java.util.Map;

// With autoscaling the operator sets the count only when it creates the service, to initialDesiredCount: any later
// write would fight Application Auto Scaling.
/** The ECS service; {@code desiredCount} is null when autoscaling owns the task count. */
public record DesiredService(
        String name,
        String cluster,
        String taskDefinitionFamily,
        Integer desiredCount,
        int initialDesiredCount,
        List<CapacityProviderStrategy> capacityProviders,
        Network network,
        LoadBalancer loadBalancer,
        Integer healthCheckGracePeriodSeconds,
        Deployment deployment,
        Map<String, String> tags) {

    /** One entry of the capacity provider strategy; an empty strategy means the FARGATE launch type. */
    public record CapacityProviderStrategy(String provider, int weight, int base) {
    }

    /** The awsvpc network of the tasks; ids sorted, because ECS treats them as sets. */
    public record Network(List<String> subnets, List<String> securityGroups, boolean assignPublicIp) {
    }

    /** Which container port the target group sends traffic to. */
    public record LoadBalancer(String targetGroupName, String containerName, int containerPort) {
    }

    /**
     * The same service behind the named target group: the app's group is one of two names (see
     * {@link ResourceNames#replacementTargetGroupName}), and which one is in use is a fact of AWS, not of the spec.
     */
    public DesiredService behind(String actualTargetGroupName) {
        if (loadBalancer == null || loadBalancer.targetGroupName().equals(actualTargetGroupName)) {
            return this;
        }
        return new DesiredService(name, cluster, taskDefinitionFamily, desiredCount, initialDesiredCount,
                capacityProviders, network, new LoadBalancer(actualTargetGroupName, loadBalancer.containerName(),
                loadBalancer.containerPort()), healthCheckGracePeriodSeconds, deployment, tags);
    }

    public record Deployment(int minimumHealthyPercent, int maximumPercent, boolean circuitBreaker,
            boolean rollback) {
    }

    public static DesiredService of(AppInput input) {
        EcsAppSpec spec = input.spec();
        ResourceNames names = input.names();
        ResolvedSettings settings = input.settings();
        boolean autoscaled = spec.autoscaling() != null;
        int fixedCount = spec.replicas() != null ? spec.replicas() : EcsAppSpec.DEFAULT_REPLICAS;
        LoadBalancerSpec loadBalancer = spec.loadBalancer();
        RolloutSpec rollout = spec.rollout();
        return new DesiredService(
                names.serviceName(),
                settings.cluster(),
                names.family(),
                autoscaled ? null : fixedCount,
                autoscaled ? spec.autoscaling().minReplicas() : fixedCount,
                spec.capacityProviders().stream().map(DesiredService::strategy).toList(),
                new Network(sorted(settings.subnets()), sorted(settings.securityGroups()), settings.assignPublicIp()),
                loadBalancer == null ? null
                        : new LoadBalancer(names.targetGroupName(), names.containerName(), spec.containerPort()),
                loadBalancer == null ? null : loadBalancer.gracePeriodSeconds(),
                new Deployment(rollout.minimumHealthyPercent(), rollout.maximumPercent(), rollout.circuitBreaker(),
                        rollout.rollback()),
                input.tags());
    }

    private static CapacityProviderStrategy strategy(CapacityProviderItem item) {
        return new CapacityProviderStrategy(item.provider().name(), item.weight(), item.base());
    }

    private static List<String> sorted(List<String> ids) {
        return ids.stream().sorted().toList();
    }
}
