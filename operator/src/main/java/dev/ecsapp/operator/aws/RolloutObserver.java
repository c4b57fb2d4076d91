package dev.ecsapp.operator.aws;

import dev.ecsapp.operator.api.v1alpha1.AwsResources;
import dev.ecsapp.operator.status.Deployment;
import dev.ecsapp.operator.status.RolloutObservation;
import dev.ecsapp.operator.status.RolloutState;
import dev.ecsapp.operator.status.TargetHealth;
import dev.ecsapp.operator.status.TaskCounts;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * Reads how far a service's rollout has got, for the status: its deployments, its counts, its targets' health, and
 * (only when a deployment failed) why its last task stopped. The service comes from {@link ServiceReads} (often
 * without a call of its own); DescribeTargetHealth only once the rollout is done; the stopped-task calls only on
 * failure.
 */
public final class RolloutObserver {

    private final EcsClient ecs;
    private final ServiceReads services;
    private final ElasticLoadBalancingV2Client elb;

    public RolloutObserver(EcsClient ecs, ServiceReads services, ElasticLoadBalancingV2Client elb) {
        this.ecs = ecs;
        this.services = services;
        this.elb = elb;
    }

    /**
     * Empty when the service does not exist (or is INACTIVE).
     *
     * @param image the image of the revision the service runs (the caller knows it from the task definition)
     */
    public Optional<RolloutObservation> observe(String cluster, String serviceName, Optional<String> targetGroupArn,
            String image, String url, String repositoryUri, AwsResources resources) {
        Optional<Service> found = services.describe(cluster, serviceName);
        if (found.isEmpty() || found.get().deployments().isEmpty()) {
            return Optional.empty();
        }
        Service service = found.get();
        List<Deployment> deployments = service.deployments().stream().map(RolloutObserver::deployment).toList();
        // Target health decides Ready only once the rollout is COMPLETED with one deployment and every task running
        // (StatusBuilder asks it last); before that ELBv2's account-wide 10 reads a second are better spent elsewhere.
        Deployment primary = deployments.get(0);
        boolean targetsMatter = deployments.size() == 1 && primary.rolloutState() == RolloutState.COMPLETED
                && primary.tasks().runningAsDesired();
        Optional<TargetHealth> targets = targetsMatter ? targetGroupArn.map(this::targetHealth) : Optional.empty();
        Optional<String> stoppedReason = deployments.stream().filter(Deployment::failed).findFirst()
                .flatMap(failed -> lastStoppedReason(cluster, failed.id()));
        return Optional.of(new RolloutObservation(deployments.get(0), deployments.subList(1, deployments.size()),
                new TaskCounts(service.desiredCount(), service.runningCount(), service.pendingCount()), targets,
                stoppedReason, image, url, repositoryUri, resources));
    }

    private static Deployment deployment(software.amazon.awssdk.services.ecs.model.Deployment d) {
        RolloutState state = switch (d.rolloutStateAsString() == null ? "IN_PROGRESS" : d.rolloutStateAsString()) {
            case "COMPLETED" -> RolloutState.COMPLETED;
            case "FAILED" -> RolloutState.FAILED;
            default -> RolloutState.IN_PROGRESS;
        };
        return new Deployment(d.id(), d.taskDefinition(), state, Optional.ofNullable(d.rolloutStateReason()),
                new TaskCounts(d.desiredCount(), d.runningCount(), d.pendingCount()));
    }

    /** How many of the group's targets are in each state: one DescribeTargetHealth. */
    public TargetHealth targetHealth(String targetGroupArn) {
        List<TargetHealthDescription> targets = AwsErrors.call("DescribeTargetHealth", () -> elb
                .describeTargetHealth(r -> r.targetGroupArn(targetGroupArn))).targetHealthDescriptions();
        int healthy = 0;
        int unhealthy = 0;
        int initial = 0;
        int draining = 0;
        for (TargetHealthDescription target : targets) {
            switch (target.targetHealth().stateAsString()) {
                case "healthy" -> healthy++;
                case "initial" -> initial++;
                case "draining" -> draining++;
                // unused, unavailable and unhealthy all mean "not serving"
                default -> unhealthy++;
            }
        }
        return new TargetHealth(healthy, unhealthy, initial, draining);
    }

    private Optional<String> lastStoppedReason(String cluster, String deploymentId) {
        List<String> arns = AwsErrors.call("ListTasks", () -> ecs.listTasks(r -> r.cluster(cluster)
                .startedBy(deploymentId).desiredStatus("STOPPED"))).taskArns();
        if (arns.isEmpty()) {
            return Optional.empty();
        }
        List<Task> tasks = AwsErrors.call("DescribeTasks", () -> ecs.describeTasks(r -> r.cluster(cluster)
                .tasks(arns.subList(0, Math.min(arns.size(), 100))))).tasks();
        return tasks.stream().filter(t -> t.stoppedReason() != null && t.stoppedAt() != null)
                .max(java.util.Comparator.comparing(Task::stoppedAt)).map(Task::stoppedReason);
    }
}
