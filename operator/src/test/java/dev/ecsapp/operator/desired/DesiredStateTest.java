package dev.ecsapp.operator.desired;

import static dev.ecsapp.operator.Specs.DEFAULTS;
import static dev.ecsapp.operator.Specs.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsapp.operator.Specs;
import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import dev.ecsapp.operator.config.OperatorDefaults;
import dev.ecsapp.operator.desired.DesiredScaling.Metric;
import java.util.List;
import org.junit.jupiter.api.Test;

class DesiredStateTest {

    private static final AppIdentity APP = new AppIdentity("shop", "checkout");

    private static DesiredState desired(String specYaml) {
        return DesiredState.of(APP, spec(specYaml), DEFAULTS);
    }

    private static DesiredState fullExample() {
        EcsApp app = Specs.example("full.yaml");
        return DesiredState.of(APP, app.getSpec(), OperatorDefaults.none());
    }

    @Test
    void theSameInputGivesAnEqualDesiredState() {
        assertThat(fullExample()).isEqualTo(fullExample());
    }

    @Test
    void everyResourceCarriesTheOwnershipTagsNextToTheAppsTags() {
        DesiredState state = fullExample();

        assertThat(List.of(state.logGroup().tags(), state.taskDefinition().tags(), state.service().tags(),
                state.targetGroup().orElseThrow().tags(), state.listenerRule().orElseThrow().tags(),
                state.repository().orElseThrow().tags()))
                .allSatisfy(tags -> assertThat(tags).containsOnly(
                        entry("ecsapp.dev/owner", "shop/checkout"),
                        entry("ecsapp.dev/managed-by", "ecsapp-operator"),
                        entry("team", "payments"),
                        entry("cost-center", "4711")));
    }

    @Test
    void theEnvironmentIsSortedAndCarriesTheImageTagAsAppVersion() {
        DesiredContainer container = desired("{image: 'shop/checkout:2.3.1', env: [{name: Z, value: '1'}, "
                + "{name: A, value: '2'}]}").taskDefinition().container();

        assertThat(container.environment()).containsExactly(
                new KeyValue("A", "2"), new KeyValue("APP_VERSION", "2.3.1"), new KeyValue("Z", "1"));
    }

    @Test
    void anImagePinnedByDigestOnlyHasTheDigestAsAppVersion() {
        DesiredContainer container = desired("image: shop/checkout@sha256:0123abcd").taskDefinition().container();

        assertThat(container.environment()).containsExactly(new KeyValue("APP_VERSION", "sha256:0123abcd"));
    }

    @Test
    void sizesInVcpuAndGbBecomeTheUnitsEcsAnswersWith() {
        DesiredTaskDefinition taskDefinition = desired("{image: 'a:1', cpu: '0.5 vCPU', memory: '2 GB'}")
                .taskDefinition();

        assertThat(taskDefinition.cpu()).isEqualTo("512");
        assertThat(taskDefinition.memory()).isEqualTo("2048");
    }

    @Test
    void theContainerIsNamedAfterTheAppAndLogsToItsGroupWithAwslogs() {
        DesiredTaskDefinition taskDefinition = desired("image: 'a:1'").taskDefinition();

        assertThat(taskDefinition.family()).isEqualTo("shop_checkout");
        assertThat(taskDefinition.container().name()).isEqualTo("checkout");
        assertThat(taskDefinition.container().logOptions()).containsOnly(
                entry("awslogs-group", "/ecs/shop/checkout"),
                entry("awslogs-region", "eu-west-1"),
                entry("awslogs-stream-prefix", "ecs"));
    }

    @Test
    void secretsAreSortedAndKeepOnlyTheirArns() {
        DesiredContainer container = fullExample().taskDefinition().container();

        assertThat(container.secrets()).containsExactly(
                new KeyValue("DATABASE_PASSWORD", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/checkout/db-AbCdEf"),
                new KeyValue("PAYMENT_API_KEY", "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/checkout/payment-key"));
    }

    @Test
    void theHealthCheckHasEveryFieldExplicitSoEcsFillsInNothing() {
        DesiredHealthCheck check = desired("{image: 'a:1', healthCheck: {command: [CMD-SHELL, 'exit 0']}}")
                .taskDefinition().container().healthCheck();

        assertThat(check).isEqualTo(new DesiredHealthCheck(List.of("CMD-SHELL", "exit 0"), 30, 5, 3, 0));
    }

    @Test
    void rolesComeFromTheAppOrElseTheDefaults() {
        assertThat(desired("image: 'a:1'").taskDefinition().executionRoleArn()).isEqualTo(Specs.EXECUTION_ROLE_ARN);
        assertThat(desired("{image: 'a:1', executionRoleArn: 'arn:aws:iam::123456789012:role/own'}")
                .taskDefinition().executionRoleArn()).isEqualTo("arn:aws:iam::123456789012:role/own");
    }

    @Test
    void withoutAutoscalingTheServiceHasTheReplicasAsDesiredCount() {
        DesiredService service = desired("{image: 'a:1', replicas: 3}").service();

        assertThat(service.desiredCount()).isEqualTo(3);
        assertThat(service.initialDesiredCount()).isEqualTo(3);
    }

    @Test
    void capacityProvidersBecomeTheServicesStrategyInTheirOrder() {
        assertThat(fullExample().service().capacityProviders()).containsExactly(
                new DesiredService.CapacityProviderStrategy("FARGATE", 1, 2),
                new DesiredService.CapacityProviderStrategy("FARGATE_SPOT", 3, 0));
    }

    @Test
    void withoutReplicasOrAutoscalingTheServiceRunsOneTask() {
        assertThat(desired("image: 'a:1'").service().desiredCount()).isEqualTo(1);
    }

    @Test
    void withAutoscalingTheServiceLeavesTheDesiredCountToAutoScalingAfterCreation() {
        DesiredService service = fullExample().service();

        assertThat(service.desiredCount()).isNull();
        assertThat(service.initialDesiredCount()).isEqualTo(2);
    }

    @Test
    void theServiceNetworkComesFromTheDefaultsWithIdsSorted() {
        DesiredService.Network network = desired("{image: 'a:1', network: {securityGroups: [sg-0bbbbbbbbbbbbbbbb, "
                + "sg-0aaaaaaaaaaaaaaaa]}}").service().network();

        assertThat(network.subnets()).containsExactly("subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788");
        assertThat(network.securityGroups()).containsExactly("sg-0aaaaaaaaaaaaaaaa", "sg-0bbbbbbbbbbbbbbbb");
        assertThat(network.assignPublicIp()).isFalse();
    }

    @Test
    void theServiceSendsTheTargetGroupsTrafficToTheContainerPort() {
        DesiredService service = fullExample().service();

        assertThat(service.loadBalancer()).isEqualTo(new DesiredService.LoadBalancer(
                new ResourceNames(APP).targetGroupName(), "checkout", 8080));
        assertThat(service.healthCheckGracePeriodSeconds()).isEqualTo(60);
        assertThat(service.deployment()).isEqualTo(new DesiredService.Deployment(100, 200, true, true));
    }

    @Test
    void anAppWithoutLoadBalancerHasNoTargetGroupRuleOrServiceLoadBalancer() {
        DesiredState state = DesiredState.of(new AppIdentity("shop", "mailer"), Specs.example("worker.yaml").getSpec(),
                DEFAULTS);

        assertThat(state.targetGroup()).isEmpty();
        assertThat(state.listenerRule()).isEmpty();
        assertThat(state.service().loadBalancer()).isNull();
    }

    @Test
    void theTargetGroupTakesTheContainerPortAndTheDefaultsOfItsHealthCheck() {
        DesiredTargetGroup targetGroup = desired("{image: 'a:1', loadBalancer: {pathPatterns: ['/a/*']}}")
                .targetGroup().orElseThrow();

        assertThat(targetGroup.port()).isEqualTo(5000);
        assertThat(targetGroup.targetType()).isEqualTo("ip");
        assertThat(targetGroup.healthCheck()).isEqualTo(new DesiredTargetGroup.HealthCheck("/health", 15, 5, 2, 3, "200"));
        assertThat(targetGroup.deregistrationDelaySeconds()).isEqualTo(30);
    }

    @Test
    void theListenerRuleHasSortedConditionsAndTheDefaultListener() {
        DesiredListenerRule rule = desired("{image: 'a:1', loadBalancer: {pathPatterns: ['/b/*', '/a/*'], "
                + "hosts: [z.example.com, a.example.com]}}").listenerRule().orElseThrow();

        assertThat(rule.listenerArn()).isEqualTo(Specs.LISTENER_ARN);
        assertThat(rule.pathPatterns()).containsExactly("/a/*", "/b/*");
        assertThat(rule.hosts()).containsExactly("a.example.com", "z.example.com");
        assertThat(rule.requestedPriority()).isNull();
        assertThat(rule.targetGroupName()).isEqualTo(new ResourceNames(APP).targetGroupName());
    }

    @Test
    void eachAutoscalingTargetBecomesOneTargetTrackingPolicy() {
        DesiredScaling scaling = fullExample().scaling().orElseThrow();

        assertThat(scaling.resourceId()).isEqualTo("service/production/shop_checkout");
        assertThat(scaling.scalableDimension()).isEqualTo("ecs:service:DesiredCount");
        assertThat(scaling.minCapacity()).isEqualTo(2);
        assertThat(scaling.maxCapacity()).isEqualTo(10);
        assertThat(scaling.policies()).extracting(DesiredScaling.Policy::name, DesiredScaling.Policy::metric,
                DesiredScaling.Policy::targetValue).containsExactly(
                        tuple("shop_checkout-cpu", Metric.ECSServiceAverageCPUUtilization, 60.0),
                        tuple("shop_checkout-memory", Metric.ECSServiceAverageMemoryUtilization, 75.0),
                        tuple("shop_checkout-requests", Metric.ALBRequestCountPerTarget, 1000.0));
    }

    @Test
    void withoutAutoscalingThereIsNoScalableTarget() {
        assertThat(desired("{image: 'a:1', replicas: 2}").scaling()).isEmpty();
    }

    @Test
    void theRequestCountLabelNamesTheLoadBalancerOfTheListenerAndTheTargetGroup() {
        String label = DesiredScaling.requestCountLabel(Specs.LISTENER_ARN,
                "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/checkout-shop-1a2b3c4d/73e2d6bc24d8a067");

        assertThat(label).isEqualTo("app/shop/50dc6c495c0c9188/targetgroup/checkout-shop-1a2b3c4d/73e2d6bc24d8a067");
    }

    @Test
    void theRepositoryIsDesiredOnlyWhenManaged() {
        assertThat(desired("image: 'a:1'").repository()).isEmpty();
        assertThat(desired("{image: 'a:1', repository: {managed: false, name: shop/a}}").repository()).isEmpty();
    }

    @Test
    void aManagedRepositoryDefaultsToNamespaceAndNameWithALifecyclePolicyKeepingTheNewestImages() throws Exception {
        DesiredRepository repository = desired("{image: 'a:1', repository: {managed: true}}").repository().orElseThrow();

        assertThat(repository.name()).isEqualTo("shop/checkout");
        assertThat(repository.scanOnPush()).isTrue();
        assertThat(repository.tagMutability()).isEqualTo("MUTABLE");
        JsonNode rule = new ObjectMapper().readTree(repository.lifecyclePolicy()).at("/rules/0");
        assertThat(rule.at("/selection/countType").asText()).isEqualTo("imageCountMoreThan");
        assertThat(rule.at("/selection/countNumber").asInt()).isEqualTo(30);
        assertThat(rule.at("/action/type").asText()).isEqualTo("expire");
    }

    @Test
    void theLogGroupKeepsLogsForTheAppsRetention() {
        assertThat(fullExample().logGroup()).extracting(DesiredLogGroup::name, DesiredLogGroup::retentionDays)
                .containsExactly("/ecs/shop/checkout", 90);
    }
    @Test
    void anOperatorClusterGivenAsAnArnYieldsAScalableResourceIdWithItsName() {
        OperatorDefaults byArn = new OperatorDefaults("arn:aws:ecs:eu-west-1:123456789012:cluster/production",
                DEFAULTS.region(), DEFAULTS.subnets(), DEFAULTS.securityGroups(), DEFAULTS.listenerArn(),
                DEFAULTS.executionRoleArn(), DEFAULTS.taskRoleArn());

        DesiredState desired = DesiredState.of(APP, spec("{image: 'shop:1', autoscaling: {minReplicas: 1, "
                + "maxReplicas: 3, targetCpuPercent: 60}}"), byArn);

        assertThat(desired.scaling().orElseThrow().resourceId()).isEqualTo("service/production/shop_checkout");
        assertThat(desired.service().cluster()).isEqualTo("production");
    }

    @Test
    void theReplacementTargetGroupNameDiffersAndFitsElbv2sLimit() {
        ResourceNames names = new ResourceNames(APP);

        assertThat(names.replacementTargetGroupName()).isNotEqualTo(names.targetGroupName())
                .hasSizeLessThanOrEqualTo(32).startsWith("checkout-shop-").matches("[a-z0-9-]+");
    }
}
