package dev.ecsapp.sandbox.aws.ecs;

import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;

/** One deployment of a service: the PRIMARY one being rolled out, or an older ACTIVE one being drained. */
final class DeploymentRecord {

    final String id;
    final String taskDefinitionArn;
    final Instant createdAt;
    final NetworkConfiguration network;
    final String launchType;
    final List<CapacityProviderStrategyItem> capacityProviders;

    String status = "PRIMARY";
    int desiredCount;
    int failedTasks;
    Instant updatedAt;
    String rolloutState = "IN_PROGRESS";
    String rolloutStateReason;

    DeploymentRecord(String id, String taskDefinitionArn, Instant createdAt, NetworkConfiguration network,
            String launchType, List<CapacityProviderStrategyItem> capacityProviders, int desiredCount) {
        this.id = id;
        this.taskDefinitionArn = taskDefinitionArn;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        this.network = network;
        this.launchType = launchType;
        this.capacityProviders = capacityProviders;
        this.desiredCount = desiredCount;
        this.rolloutStateReason = "ECS deployment " + id + " in progress.";
    }

    Deployment toSdk(int running, int pending) {
        return Deployment.builder()
                .id(id)
                .status(status)
                .taskDefinition(taskDefinitionArn)
                .desiredCount(desiredCount)
                .runningCount(running)
                .pendingCount(pending)
                .failedTasks(failedTasks)
                .createdAt(createdAt)
                .updatedAt(updatedAt)
                .launchType(launchType)
                .capacityProviderStrategy(capacityProviders)
                .platformVersion("1.4.0")
                .platformFamily("Linux")
                .networkConfiguration(network)
                .rolloutState(rolloutState)
                .rolloutStateReason(rolloutStateReason)
                .build();
    }
}
