package dev.ecsapp.sandbox.aws.ecs;

import dev.ecsapp.sandbox.runtime.RunningTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.NetworkInterface;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** One task of a service, as the simulation moves it through Fargate's lifecycle. */
final class TaskRecord {

    /** Where a task's targets are registered: one per load balancer entry of its service. */
    record TargetRef(String targetGroupArn, int port) {
    }

    final String arn;
    final String id;
    final String clusterArn;
    final String serviceName;
    final String deploymentId;
    final TaskDefinition definition;
    final String ip;
    final String subnetId;
    final String availabilityZone;
    final String capacityProvider;
    final Instant createdAt;
    final List<TargetRef> targets = new ArrayList<>();

    String lastStatus = "PROVISIONING";
    String desiredStatus = "RUNNING";
    String healthStatus;
    Instant pullStartedAt;
    Instant pullStoppedAt;
    Instant startedAt;
    Instant stoppingAt;
    Instant stoppedAt;
    String stopCode;
    String stoppedReason;
    /** Why its container could not start (CannotPullContainerError ...), null when it started. */
    String containerFailure;
    /** The essential container's local process, when the local runtime runs it; null for a simulated task. */
    RunningTask local;
    /** The local process's exit code, once it exited. */
    Integer exitCode;
    /** The stop ECS asked for while the local process still ran: the task is STOPPED with it when the process is. */
    String pendingStopCode;
    String pendingStopReason;

    TaskRecord(String arn, String id, String clusterArn, String serviceName, String deploymentId,
            TaskDefinition definition, String ip, String subnetId, String availabilityZone, String capacityProvider,
            Instant createdAt) {
        this.arn = arn;
        this.id = id;
        this.clusterArn = clusterArn;
        this.serviceName = serviceName;
        this.deploymentId = deploymentId;
        this.definition = definition;
        this.ip = ip;
        this.subnetId = subnetId;
        this.availabilityZone = availabilityZone;
        this.capacityProvider = capacityProvider;
        this.createdAt = createdAt;
        this.healthStatus = "UNKNOWN";
    }

    boolean stopped() {
        return "STOPPED".equals(lastStatus);
    }

    /** Wanted by the scheduler: not being stopped. */
    boolean active() {
        return "RUNNING".equals(desiredStatus) && !stopped();
    }

    boolean hasContainerHealthCheck() {
        return definition.containerDefinitions().stream().anyMatch(c -> c.healthCheck() != null);
    }

    /** A simulated container exits 0 (the reference service does on SIGTERM); a local one with its own code. */
    private Integer exitCodeOf(ContainerDefinition container) {
        if (!stopped() || containerFailure != null) {
            return null;
        }
        boolean localContainer = local != null && container.image().equals(definition.containerDefinitions().stream()
                .filter(c -> c.essential() == null || c.essential()).findFirst().map(ContainerDefinition::image)
                .orElse(null));
        return localContainer && exitCode != null ? exitCode : 0;
    }

    Task toSdk() {
        List<Container> containers = new ArrayList<>();
        for (ContainerDefinition c : definition.containerDefinitions()) {
            containers.add(Container.builder()
                    .containerArn(arn.replace(":task/", ":container/") + "/" + c.name())
                    .taskArn(arn)
                    .name(c.name())
                    .image(c.image())
                    .lastStatus(lastStatus.equals("STOPPED") || lastStatus.equals("DEPROVISIONING") ? "STOPPED"
                            : lastStatus.equals("RUNNING") || lastStatus.equals("DEACTIVATING")
                            || lastStatus.equals("STOPPING") ? "RUNNING" : "PENDING")
                    .reason(containerFailure)
                    .exitCode(exitCodeOf(c))
                    .healthStatus(c.healthCheck() != null ? healthStatus : "UNKNOWN")
                    .networkInterfaces(NetworkInterface.builder().attachmentId(id + "-eni")
                            .privateIpv4Address(ip).build())
                    .cpu(c.cpu() == null ? "0" : c.cpu().toString())
                    .build());
        }
        return Task.builder()
                .taskArn(arn)
                .clusterArn(clusterArn)
                .taskDefinitionArn(definition.taskDefinitionArn())
                .group("service:" + serviceName)
                .startedBy(deploymentId)
                .lastStatus(lastStatus)
                .desiredStatus(desiredStatus)
                .healthStatus(healthStatus)
                .launchType("FARGATE".equals(capacityProvider) || capacityProvider == null ? "FARGATE" : null)
                .capacityProviderName(capacityProvider)
                .platformVersion("1.4.0")
                .platformFamily("Linux")
                .cpu(definition.cpu())
                .memory(definition.memory())
                .availabilityZone(availabilityZone)
                .connectivity(lastStatus.equals("PROVISIONING") ? null : "CONNECTED")
                .createdAt(createdAt)
                .pullStartedAt(pullStartedAt)
                .pullStoppedAt(pullStoppedAt)
                .startedAt(startedAt)
                .stoppingAt(stoppingAt)
                .stoppedAt(stoppedAt)
                .stopCode(stopCode)
                .stoppedReason(stoppedReason)
                .containers(containers)
                .attachments(Attachment.builder()
                        .id(id + "-eni")
                        .type("ElasticNetworkInterface")
                        .status(stopped() ? "DELETED" : "ATTACHED")
                        .details(KeyValuePair.builder().name("subnetId").value(subnetId).build(),
                                KeyValuePair.builder().name("privateIPv4Address").value(ip).build())
                        .build())
                .version(versionOf())
                .build();
    }

    /** Increases with every status change, as ECS's task version does. */
    private long versionOf() {
        return switch (lastStatus) {
            case "PROVISIONING" -> 1;
            case "PENDING" -> 2;
            case "ACTIVATING" -> 3;
            case "RUNNING" -> "RUNNING".equals(desiredStatus) ? 4 : 5;
            case "DEACTIVATING" -> 6;
            case "STOPPING" -> 7;
            case "DEPROVISIONING" -> 8;
            default -> 9;
        };
    }
}
