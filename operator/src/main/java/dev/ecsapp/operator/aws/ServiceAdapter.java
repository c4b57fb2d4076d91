package dev.ecsapp.operator.aws;

import dev.ecsapp.operator.desired.DesiredService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.DeploymentCircuitBreaker;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

/** ECS services: observe (one or many), create idempotently, update what changed, scale to zero and delete. */
public final class ServiceAdapter {

    /** DescribeServices takes at most this many services a call. */
    static final int DESCRIBE_BATCH = 10;

    private final EcsClient ecs;
    private final ServiceReads reads;

    /** How far a delete has come; the caller asks again until GONE. */
    public enum Deletion {
        /** No service, or an INACTIVE one: nothing left to do. */
        GONE,
        /** DeleteService was called (now or before) and ECS is draining the tasks. */
        DRAINING
    }

    /** Reading every service afresh each time (no answers shared between looks). */
    public ServiceAdapter(EcsClient ecs) {
        this(ecs, new ServiceReads(ecs, java.time.Duration.ZERO));
    }

    public ServiceAdapter(EcsClient ecs, ServiceReads reads) {
        this.ecs = ecs;
        this.reads = reads;
    }

    /** The service, or empty when it is missing or INACTIVE (a deleted service lingers INACTIVE for a while). */
    public Optional<ObservedService> observe(String cluster, String name) {
        return reads.describe(cluster, name).map(service -> ServiceShapes.observed(service, cluster));
    }

    /** DescribeServices calls {@link #observeAll} makes for this many services. */
    public static int callsToDescribe(int services) {
        return (services + DESCRIBE_BATCH - 1) / DESCRIBE_BATCH;
    }

    /** Many services of one cluster, read now, ten to a DescribeServices call; missing and INACTIVE ones are left out. */
    public Map<String, ObservedService> observeAll(String cluster, List<String> names) {
        Map<String, ObservedService> found = new LinkedHashMap<>();
        reads.describeAll(cluster, names).forEach((name, service) -> service.ifPresent(s -> found.put(name,
                ServiceShapes.observed(s, cluster))));
        return found;
    }

    /**
     * Creates the service on the given revision, with {@code initialDesiredCount} tasks. The client token makes a
     * repeated call (after a crash between the call and its record) return the same service rather than fail.
     */
    public String create(DesiredService desired, String taskDefinitionArn, String targetGroupArn, String clientToken) {
        if (clientToken.length() > ClientTokens.MAX_LENGTH) {
            throw new IllegalArgumentException("a client token has at most 36 characters: " + clientToken);
        }
        CreateServiceRequest.Builder request = CreateServiceRequest.builder()
                .cluster(desired.cluster())
                .serviceName(desired.name())
                .taskDefinition(taskDefinitionArn)
                .desiredCount(desired.initialDesiredCount())
                .networkConfiguration(network(desired.network()))
                .deploymentConfiguration(deployment(desired.deployment()))
                .tags(ServiceShapes.tags(desired.tags()))
                .clientToken(clientToken);
        if (desired.capacityProviders().isEmpty()) {
            request.launchType(LaunchType.FARGATE);
        } else {
            request.capacityProviderStrategy(strategy(desired.capacityProviders()));
        }
        if (desired.loadBalancer() != null) {
            request.loadBalancers(loadBalancer(desired.loadBalancer(), targetGroupArn))
                    .healthCheckGracePeriodSeconds(desired.healthCheckGracePeriodSeconds());
        }
        try {
            return AwsErrors.call("CreateService", () -> ecs.createService(request.build())).service().serviceArn();
        } finally {
            reads.forget(desired.cluster(), desired.name());
        }
    }

    /**
     * Sends one UpdateService with only what changed (never the desired count under autoscaling), and tags apart.
     * Returns what changed; empty when nothing did and no call was made.
     */
    public ServiceChanges update(DesiredService desired, ObservedService observed, String taskDefinitionArn,
            String targetGroupArn) {
        ServiceChanges changes = ServiceChanges.between(desired, taskDefinitionArn, observed);
        try {
            if (changes.needsUpdateService()) {
                AwsErrors.call("UpdateService", () -> ecs.updateService(updateRequest(desired, changes,
                        taskDefinitionArn, targetGroupArn)));
            }
            if (changes.contains(ServiceChanges.TAGS)) {
                retag(observed.arn(), TagChanges.between(desired.tags(), observed.shape().tags()));
            }
        } finally {
            if (!changes.none()) {
                reads.forget(desired.cluster(), desired.name());
            }
        }
        return changes;
    }

    /**
     * Scales the service to zero and deletes it; call again until GONE, since ECS drains it first. Delete its
     * scaling before, or Application Auto Scaling raises the count back to its minimum.
     */
    public Deletion delete(String cluster, String name) {
        Optional<ObservedService> observed = observe(cluster, name);
        if (observed.isEmpty()) {
            return Deletion.GONE;
        }
        if (observed.get().draining()) {
            return Deletion.DRAINING;
        }
        // DeleteService refuses a service scaled above zero unless forced; scaling first lets ECS stop the tasks the
        // way a rollout does, through the load balancer's deregistration delay.
        if (observed.get().desiredCount() > 0) {
            reads.forget(cluster, name);
            AwsErrors.call("UpdateService", () -> ecs.updateService(r -> r.cluster(cluster).service(name)
                    .desiredCount(0)));
        }
        AwsErrors.find("DeleteService", () -> ecs.deleteService(r -> r.cluster(cluster).service(name)));
        reads.forget(cluster, name);
        return observe(cluster, name).isEmpty() ? Deletion.GONE : Deletion.DRAINING;
    }

    private static UpdateServiceRequest updateRequest(DesiredService desired, ServiceChanges changes,
            String taskDefinitionArn, String targetGroupArn) {
        UpdateServiceRequest.Builder request = UpdateServiceRequest.builder()
                .cluster(desired.cluster())
                .service(desired.name());
        if (changes.contains(ServiceChanges.TASK_DEFINITION)) {
            request.taskDefinition(taskDefinitionArn);
        }
        if (changes.contains(ServiceChanges.DESIRED_COUNT)) {
            request.desiredCount(desired.desiredCount());
        }
        if (changes.contains(ServiceChanges.CAPACITY_PROVIDERS)) {
            // ECS applies a new strategy only with a new deployment.
            request.capacityProviderStrategy(strategy(desired.capacityProviders())).forceNewDeployment(true);
        }
        if (changes.contains(ServiceChanges.NETWORK)) {
            request.networkConfiguration(network(desired.network()));
        }
        if (changes.contains(ServiceChanges.LOAD_BALANCER)) {
            // An explicitly empty list removes the load balancer; leaving it out would keep the old one.
            request.loadBalancers(desired.loadBalancer() == null ? List.of()
                    : List.of(loadBalancer(desired.loadBalancer(), targetGroupArn)));
        }
        if (changes.contains(ServiceChanges.GRACE_PERIOD) && desired.loadBalancer() != null) {
            request.healthCheckGracePeriodSeconds(desired.healthCheckGracePeriodSeconds() == null ? 0
                    : desired.healthCheckGracePeriodSeconds());
        }
        if (changes.contains(ServiceChanges.DEPLOYMENT)) {
            request.deploymentConfiguration(deployment(desired.deployment()));
        }
        return request.build();
    }

    private void retag(String arn, TagChanges changes) {
        if (!changes.toSet().isEmpty()) {
            AwsErrors.call("TagResource", () -> ecs.tagResource(r -> r.resourceArn(arn)
                    .tags(ServiceShapes.tags(changes.toSet()))));
        }
        if (!changes.toRemove().isEmpty()) {
            AwsErrors.call("UntagResource", () -> ecs.untagResource(r -> r.resourceArn(arn)
                    .tagKeys(changes.toRemove())));
        }
    }

    private static NetworkConfiguration network(DesiredService.Network network) {
        return NetworkConfiguration.builder().awsvpcConfiguration(AwsVpcConfiguration.builder()
                .subnets(network.subnets())
                .securityGroups(network.securityGroups())
                .assignPublicIp(network.assignPublicIp() ? AssignPublicIp.ENABLED : AssignPublicIp.DISABLED)
                .build()).build();
    }

    private static DeploymentConfiguration deployment(DesiredService.Deployment deployment) {
        return DeploymentConfiguration.builder()
                .minimumHealthyPercent(deployment.minimumHealthyPercent())
                .maximumPercent(deployment.maximumPercent())
                .deploymentCircuitBreaker(DeploymentCircuitBreaker.builder().enable(deployment.circuitBreaker())
                        .rollback(deployment.rollback()).build())
                .build();
    }

    private static LoadBalancer loadBalancer(DesiredService.LoadBalancer loadBalancer, String targetGroupArn) {
        return LoadBalancer.builder().targetGroupArn(targetGroupArn).containerName(loadBalancer.containerName())
                .containerPort(loadBalancer.containerPort()).build();
    }

    private static List<CapacityProviderStrategyItem> strategy(List<DesiredService.CapacityProviderStrategy> items) {
        List<CapacityProviderStrategyItem> strategy = new ArrayList<>();
        for (DesiredService.CapacityProviderStrategy item : items) {
            strategy.add(CapacityProviderStrategyItem.builder().capacityProvider(item.provider())
                    .weight(item.weight()).base(item.base()).build());
        }
        return strategy;
    }

    static Map<String, String> tagMap(List<software.amazon.awssdk.services.ecs.model.Tag> tags) {
        Map<String, String> map = new TreeMap<>();
        tags.forEach(tag -> map.put(tag.key(), tag.value()));
        return map;
    }
}
