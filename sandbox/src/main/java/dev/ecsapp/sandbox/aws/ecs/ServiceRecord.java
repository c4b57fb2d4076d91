package dev.ecsapp.sandbox.aws.ecs;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.Tag;

/** One ECS service and its deployments, as the simulation keeps it. */
final class ServiceRecord {

    /** ECS keeps the latest 100 events of a service. */
    private static final int MAX_EVENTS = 100;

    final String arn;
    final String name;
    final String clusterArn;
    final String clusterName;
    final Instant createdAt;
    final String clientToken;
    /** What CreateService asked for, to tell an idempotent retry from a conflicting one. */
    final String createRequestFingerprint;

    String status = "ACTIVE";
    int desiredCount;
    String taskDefinitionArn;
    List<LoadBalancer> loadBalancers = List.of();
    NetworkConfiguration network;
    DeploymentConfiguration deploymentConfiguration;
    String launchType;
    List<CapacityProviderStrategyItem> capacityProviders = List.of();
    Integer healthCheckGracePeriodSeconds;
    String propagateTags;
    boolean enableEcsManagedTags;
    boolean enableExecuteCommand;
    List<Tag> tags = new ArrayList<>();
    final List<DeploymentRecord> deployments = new ArrayList<>();
    /** Its tasks, STOPPED ones included until ECS forgets them. */
    final List<TaskRecord> tasks = new ArrayList<>();
    final Deque<ServiceEvent> events = new ArrayDeque<>();
    /** The task definition of the last deployment that completed: where a circuit-breaker rollback goes. */
    String lastCompletedTaskDefinitionArn;
    String lastCompletedDeploymentId;
    /** A scheduler step is already queued; avoids piling up one per change. */
    boolean stepQueued;
    /** Whether the latest "steady state" event still describes the service (ECS repeats it only every 6 hours). */
    boolean steadyReported;

    ServiceRecord(String arn, String name, String clusterArn, String clusterName, Instant createdAt,
            String clientToken, String createRequestFingerprint) {
        this.arn = arn;
        this.name = name;
        this.clusterArn = clusterArn;
        this.clusterName = clusterName;
        this.createdAt = createdAt;
        this.clientToken = clientToken;
        this.createRequestFingerprint = createRequestFingerprint;
    }

    DeploymentRecord primary() {
        return deployments.isEmpty() ? null : deployments.get(0);
    }

    void event(String id, Instant at, String message) {
        events.addFirst(ServiceEvent.builder().id(id).createdAt(at).message("(service " + name + ") " + message)
                .build());
        while (events.size() > MAX_EVENTS) {
            events.removeLast();
        }
    }

    int minimumHealthyPercent() {
        Integer value = deploymentConfiguration == null ? null : deploymentConfiguration.minimumHealthyPercent();
        return value == null ? 100 : value;
    }

    int maximumPercent() {
        Integer value = deploymentConfiguration == null ? null : deploymentConfiguration.maximumPercent();
        return value == null ? 200 : value;
    }

    boolean circuitBreakerEnabled() {
        return deploymentConfiguration != null && deploymentConfiguration.deploymentCircuitBreaker() != null
                && Boolean.TRUE.equals(deploymentConfiguration.deploymentCircuitBreaker().enable());
    }

    boolean rollbackEnabled() {
        return circuitBreakerEnabled()
                && Boolean.TRUE.equals(deploymentConfiguration.deploymentCircuitBreaker().rollback());
    }
}
