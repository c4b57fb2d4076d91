package dev.ecsapp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.sandbox.aws.ec2.Ec2Api;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/** The services together, as the operator uses them: ECR images, ECS tasks behind ELBv2, Auto Scaling. */
class SandboxIntegrationTest {

    @RegisterExtension
    static SandboxExtension sandbox = new SandboxExtension();

    private static String register(EcsClient ecs, String image) {
        return ecs.registerTaskDefinition(r -> r.family("web").requiresCompatibilitiesWithStrings("FARGATE")
                .networkMode("awsvpc").cpu("256").memory("512").containerDefinitions(ContainerDefinition.builder()
                        .name("app").image(image).portMappings(p -> p.containerPort(5000)).build()))
                .taskDefinition().taskDefinitionArn();
    }

    private static Service describe(EcsClient ecs) {
        return ecs.describeServices(r -> r.cluster("sandbox").services("web")).services().get(0);
    }

    @Test
    void aServiceBehindTheAlbBecomesHealthyTargetsAndCompletesItsRollout() throws Exception {
        try (EcsClient ecs = sandbox.client(EcsClient.builder());
                ElasticLoadBalancingV2Client elb = sandbox.client(ElasticLoadBalancingV2Client.builder())) {
            String listener = elb.describeListeners(r -> r.loadBalancerArn(elb.describeLoadBalancers(q -> q
                    .names("sandbox-alb")).loadBalancers().get(0).loadBalancerArn())).listeners().get(0).listenerArn();
            String group = elb.createTargetGroup(r -> r.name("web").protocol("HTTP").port(5000).targetType("ip")
                    .vpcId(Ec2Api.VPC_ID).healthCheckPath("/health").healthCheckIntervalSeconds(10)
                    .healthyThresholdCount(2)).targetGroups().get(0).targetGroupArn();
            elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(group).attributes(a -> a
                    .key("deregistration_delay.timeout_seconds").value("5")));
            elb.createRule(r -> r.listenerArn(listener).priority(10)
                    .conditions(c -> c.field("path-pattern").pathPatternConfig(p -> p.values("/web/*")))
                    .actions(a -> a.type("forward").targetGroupArn(group)));

            ecs.createService(r -> r.cluster("sandbox").serviceName("web").taskDefinition(register(ecs, "nginx:1"))
                    .desiredCount(2).loadBalancers(lb -> lb.targetGroupArn(group).containerName("app")
                            .containerPort(5000))
                    .networkConfiguration(n -> n.awsvpcConfiguration(v -> v.subnets(Ec2Api.PRIVATE_SUBNET_A,
                            Ec2Api.PRIVATE_SUBNET_B).securityGroups(Ec2Api.TASKS_SECURITY_GROUP))));
            sandbox.advance(Duration.ofSeconds(20));
            assertThat(elb.describeTargetHealth(r -> r.targetGroupArn(group)).targetHealthDescriptions())
                    .hasSize(2).allSatisfy(t -> assertThat(t.targetHealth().stateAsString()).isEqualTo("initial"));
            assertThat(describe(ecs).deployments().get(0).rolloutStateAsString()).isEqualTo("IN_PROGRESS");

            sandbox.advance(Duration.ofSeconds(25));

            List<TargetHealthDescription> targets = elb.describeTargetHealth(r -> r.targetGroupArn(group))
                    .targetHealthDescriptions();
            assertThat(targets).hasSize(2).allSatisfy(t -> {
                assertThat(t.targetHealth().stateAsString()).isEqualTo("healthy");
                assertThat(t.target().id()).matches("10\\.0\\.1[12]\\.\\d+");
                assertThat(t.target().port()).isEqualTo(5000);
            });
            assertThat(describe(ecs).deployments().get(0).rolloutStateAsString()).isEqualTo("COMPLETED");
        }
    }

    @Test
    void anImageTagMissingFromEcrStopsTasksWithCannotPullContainerError() throws Exception {
        try (EcsClient ecs = sandbox.client(EcsClient.builder()); EcrClient ecr = sandbox.client(EcrClient.builder())) {
            String uri = ecr.createRepository(r -> r.repositoryName("web")).repository().repositoryUri();
            ecs.createService(r -> r.cluster("sandbox").serviceName("web").taskDefinition(register(ecs, uri + ":1.0"))
                    .desiredCount(1).networkConfiguration(n -> n.awsvpcConfiguration(v -> v
                            .subnets(Ec2Api.PRIVATE_SUBNET_A))));

            sandbox.advance(Duration.ofSeconds(20));

            var stopped = ecs.listTasks(r -> r.cluster("sandbox").serviceName("web").desiredStatus("STOPPED"))
                    .taskArns();
            Task task = ecs.describeTasks(r -> r.cluster("sandbox").tasks(stopped)).tasks().get(0);
            assertThat(task.stopCodeAsString()).isEqualTo("TaskFailedToStart");
            assertThat(task.stoppedReason()).startsWith("CannotPullContainerError:").contains(uri + ":1.0");
            assertThat(describe(ecs).deployments().get(0).failedTasks()).isEqualTo(1);
        }
    }

    @Test
    void aRolloutToAnImageTagNeverPushedFailsAndRollsBackThroughTheApi() throws Exception {
        try (EcsClient ecs = sandbox.client(EcsClient.builder()); EcrClient ecr = sandbox.client(EcrClient.builder())) {
            String uri = ecr.createRepository(r -> r.repositoryName("web")).repository().repositoryUri();
            ecr.putImage(r -> r.repositoryName("web").imageTag("1.0").imageManifest("{\"schemaVersion\":2,"
                    + "\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\",\"layers\":[]}"));
            String good = register(ecs, uri + ":1.0");
            ecs.createService(r -> r.cluster("sandbox").serviceName("web").taskDefinition(good).desiredCount(2)
                    .deploymentConfiguration(d -> d.deploymentCircuitBreaker(b -> b.enable(true).rollback(true)))
                    .networkConfiguration(n -> n.awsvpcConfiguration(v -> v.subnets(Ec2Api.PRIVATE_SUBNET_A))));
            sandbox.advance(Duration.ofSeconds(30));
            assertThat(describe(ecs).deployments().get(0).rolloutStateAsString()).isEqualTo("COMPLETED");

            ecs.updateService(r -> r.cluster("sandbox").service("web").taskDefinition(register(ecs, uri + ":2.0")));
            sandbox.advance(Duration.ofSeconds(46));

            Service failing = describe(ecs);
            assertThat(failing.deployments()).anySatisfy(d -> {
                assertThat(d.rolloutStateAsString()).isEqualTo("FAILED");
                assertThat(d.rolloutStateReason()).isEqualTo("ECS deployment circuit breaker: tasks failed to start.");
            });
            assertThat(failing.deployments().get(0).rolloutStateReason())
                    .startsWith("ECS deployment circuit breaker: rolling back to deploymentId ");

            sandbox.advance(Duration.ofSeconds(60));

            Service rolledBack = describe(ecs);
            assertThat(rolledBack.taskDefinition()).isEqualTo(good);
            assertThat(rolledBack.deployments()).singleElement().satisfies(d ->
                    assertThat(d.rolloutStateAsString()).isEqualTo("COMPLETED"));
            assertThat(rolledBack.runningCount()).isEqualTo(2);
        }
    }

    @Test
    void targetTrackingScalesTheServiceOutWhenTheSimulatedLoadIsHigh() throws Exception {
        try (EcsClient ecs = sandbox.client(EcsClient.builder());
                ApplicationAutoScalingClient scaling = sandbox.client(ApplicationAutoScalingClient.builder())) {
            ecs.createService(r -> r.cluster("sandbox").serviceName("web").taskDefinition(register(ecs, "nginx:1"))
                    .desiredCount(2).networkConfiguration(n -> n.awsvpcConfiguration(v -> v
                            .subnets(Ec2Api.PRIVATE_SUBNET_A))));
            scaling.registerScalableTarget(r -> r.serviceNamespace("ecs").resourceId("service/sandbox/web")
                    .scalableDimension("ecs:service:DesiredCount").minCapacity(1).maxCapacity(6));
            scaling.putScalingPolicy(r -> r.policyName("cpu").serviceNamespace("ecs")
                    .resourceId("service/sandbox/web").scalableDimension("ecs:service:DesiredCount")
                    .policyType("TargetTrackingScaling").targetTrackingScalingPolicyConfiguration(c -> c
                            .targetValue(50.0).predefinedMetricSpecification(m -> m.predefinedMetricType(
                                    MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION))));
            sandbox.control("POST", "metrics", "{\"resourceId\":\"service/sandbox/web\","
                    + "\"metric\":\"ECSServiceAverageCPUUtilization\",\"value\":100}");

            sandbox.advance(Duration.ofSeconds(61));

            assertThat(describe(ecs).desiredCount()).isEqualTo(4);
            assertThat(scaling.describeScalingActivities(r -> r.serviceNamespace("ecs")
                    .resourceId("service/sandbox/web")).scalingActivities()).isNotEmpty();
        }
    }
}
