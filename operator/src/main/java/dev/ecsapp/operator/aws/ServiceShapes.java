package dev.ecsapp.operator.aws;

import dev.ecsapp.operator.desired.DesiredService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentCircuitBreaker;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Tag;

/** Copies DescribeServices' answer into the desired record's shape: sorted ids, names read off ARNs. */
public final class ServiceShapes {

    private ServiceShapes() {
    }

    static ObservedService observed(Service service, String cluster) {
        Optional<Deployment> primary = service.deployments().stream()
                .filter(d -> "PRIMARY".equals(d.status())).findFirst();
        return new ObservedService(service.serviceArn(), service.status(), service.taskDefinition(),
                count(service.desiredCount()), count(service.runningCount()),
                primary.map(Deployment::rolloutStateAsString).orElse(null),
                primary.map(Deployment::rolloutStateReason).orElse(null),
                service.deployments().stream().filter(d -> "FAILED".equals(d.rolloutStateAsString()))
                        .map(Deployment::taskDefinition).collect(Collectors.toSet()),
                service.deployments().size(),
                shape(service, cluster));
    }

    private static DesiredService shape(Service service, String cluster) {
        LoadBalancer loadBalancer = service.loadBalancers().isEmpty() ? null : service.loadBalancers().get(0);
        return new DesiredService(
                service.serviceName(),
                cluster,
                familyOf(service.taskDefinition()),
                service.desiredCount(),
                count(service.desiredCount()),
                service.capacityProviderStrategy().stream().map(item -> new DesiredService.CapacityProviderStrategy(
                        item.capacityProvider(), count(item.weight()), count(item.base()))).toList(),
                network(service),
                loadBalancer == null ? null : new DesiredService.LoadBalancer(
                        targetGroupName(loadBalancer.targetGroupArn()), loadBalancer.containerName(),
                        count(loadBalancer.containerPort())),
                service.healthCheckGracePeriodSeconds(),
                deployment(service.deploymentConfiguration()),
                ServiceAdapter.tagMap(service.tags()));
    }

    private static DesiredService.Network network(Service service) {
        AwsVpcConfiguration vpc = service.networkConfiguration() == null ? null
                : service.networkConfiguration().awsvpcConfiguration();
        if (vpc == null) {
            return new DesiredService.Network(List.of(), List.of(), false);
        }
        return new DesiredService.Network(vpc.subnets().stream().sorted().toList(),
                vpc.securityGroups().stream().sorted().toList(), "ENABLED".equals(vpc.assignPublicIpAsString()));
    }

    private static DesiredService.Deployment deployment(DeploymentConfiguration configuration) {
        if (configuration == null) {
            // ECS's defaults for a rolling deployment.
            return new DesiredService.Deployment(100, 200, false, false);
        }
        DeploymentCircuitBreaker breaker = configuration.deploymentCircuitBreaker();
        return new DesiredService.Deployment(
                configuration.minimumHealthyPercent() == null ? 100 : configuration.minimumHealthyPercent(),
                configuration.maximumPercent() == null ? 200 : configuration.maximumPercent(),
                breaker != null && Boolean.TRUE.equals(breaker.enable()),
                breaker != null && Boolean.TRUE.equals(breaker.rollback()));
    }

    static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    /** arn:aws:elasticloadbalancing:region:account:targetgroup/NAME/id → NAME. */
    public static String targetGroupName(String targetGroupArn) {
        String rest = targetGroupArn.substring(targetGroupArn.indexOf(":targetgroup/") + ":targetgroup/".length());
        return rest.substring(0, rest.indexOf('/'));
    }

    /** arn:aws:ecs:region:account:task-definition/FAMILY:revision → FAMILY. */
    private static String familyOf(String taskDefinitionArn) {
        String name = taskDefinitionArn.substring(taskDefinitionArn.indexOf("task-definition/")
                + "task-definition/".length());
        return name.substring(0, name.lastIndexOf(':'));
    }

    private static int count(Integer value) {
        return value == null ? 0 : value;
    }
}
