package dev.ecsapp.sandbox.aws.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsapp.sandbox.aws.Account;
import dev.ecsapp.sandbox.aws.ScalableServices;
import dev.ecsapp.sandbox.aws.SimulatedMetrics;
import dev.ecsapp.sandbox.aws.cloudwatch.MetricStore;
import dev.ecsapp.sandbox.aws.elbv2.dataplane.TargetGroupMetrics;
import dev.ecsapp.sandbox.aws.protocol.AwsException;
import dev.ecsapp.sandbox.aws.protocol.JsonCodec;
import dev.ecsapp.sandbox.time.SandboxClock;
import dev.ecsapp.sandbox.time.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.model.DeregisterScalableTargetRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingActivitiesRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingPoliciesRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivity;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivityStatusCode;
import software.amazon.awssdk.services.applicationautoscaling.model.TagResourceRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingScalingPolicyConfiguration;
import software.amazon.awssdk.services.applicationautoscaling.model.UntagResourceRequest;

/**
 * Application Auto Scaling against a fake ECS and a frozen clock, without a server: registration, policies, and what
 * the evaluation every 60 simulated seconds does to a service's desired count.
 */
class AutoScalingApiTest {

    private static final String WEB = "service/default/web";
    private static final String CPU = MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION.toString();

    private final SandboxClock clock = new SandboxClock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"),
            ZoneOffset.UTC), 0);
    private final Scheduler scheduler = new Scheduler(clock);
    private final FakeEcs ecs = new FakeEcs();
    private final SimulatedMetrics metrics = new SimulatedMetrics();
    private final MetricStore cloudWatch = new MetricStore();
    private final AutoScalingApi autoscaling = new AutoScalingApi(new Account(Account.DEFAULT_ID, "us-east-1"),
            scheduler, ecs, metrics, cloudWatch);

    /** Desired counts by resource ID; only the services in it exist. */
    private static final class FakeEcs implements ScalableServices {
        final Map<String, Integer> desired = new HashMap<>();

        @Override
        public OptionalInt desiredCount(String resourceId) {
            Integer count = desired.get(resourceId);
            return count == null ? OptionalInt.empty() : OptionalInt.of(count);
        }

        @Override
        public void setDesiredCount(String resourceId, int desiredCount) {
            desired.put(resourceId, desiredCount);
        }
    }

    @Test
    void aRegisteredServiceIsDescribedWithItsRangeArnAndServiceLinkedRole() {
        ecs.desired.put(WEB, 2);

        String arn = register(1, 4).scalableTargetARN();

        ScalableTarget target = targets().get(0);
        assertThat(arn).matches("arn:aws:application-autoscaling:us-east-1:123456789012:scalable-target/[0-9a-f]{36}");
        assertThat(target.scalableTargetARN()).isEqualTo(arn);
        assertThat(target.minCapacity()).isEqualTo(1);
        assertThat(target.maxCapacity()).isEqualTo(4);
        assertThat(target.roleARN()).isEqualTo("arn:aws:iam::123456789012:role/aws-service-role/ecs.application-"
                + "autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService");
        assertThat(target.suspendedState().dynamicScalingOutSuspended()).isFalse();
    }

    @Test
    void registeringAgainUpdatesOnlyTheCapacitiesGivenAndKeepsTheArn() {
        ecs.desired.put(WEB, 2);
        String arn = register(1, 4).scalableTargetARN();

        String again = autoscaling.registerScalableTarget(target().maxCapacity(8).build()).scalableTargetARN();

        assertThat(again).isEqualTo(arn);
        assertThat(targets()).singleElement().satisfies(t -> {
            assertThat(t.minCapacity()).isEqualTo(1);
            assertThat(t.maxCapacity()).isEqualTo(8);
        });
    }

    @Test
    void aMinimumAboveTheMaximumIsRefused() {
        ecs.desired.put(WEB, 2);

        assertValidationError(() -> register(5, 2), "Minimum capacity cannot be greater than maximum capacity");
    }

    @Test
    void aNewTargetNeedsBothCapacities() {
        ecs.desired.put(WEB, 2);

        assertValidationError(() -> autoscaling.registerScalableTarget(target().minCapacity(1).build()),
                "MinCapacity and MaxCapacity are required when registering a new scalable target");
    }

    @Test
    void aDesiredCountBelowANewMinimumIsRaisedAtTheNextEvaluation() {
        ecs.desired.put(WEB, 1);
        register(3, 6);

        advance(Duration.ofSeconds(59));
        int before = ecs.desired.get(WEB);
        advance(Duration.ofSeconds(1));

        assertThat(before).isEqualTo(1);
        assertThat(ecs.desired.get(WEB)).isEqualTo(3);
        assertThat(activities()).singleElement()
                .satisfies(a -> assertThat(a.cause()).isEqualTo("minimum capacity was set to 3"));
    }

    @Test
    void aDesiredCountAboveANewMaximumIsLoweredAtTheNextEvaluation() {
        ecs.desired.put(WEB, 9);
        register(1, 4);

        advance(Duration.ofSeconds(60));

        assertThat(ecs.desired.get(WEB)).isEqualTo(4);
    }

    @Test
    void cpuAboveTheTargetScalesOutInProportionAndRecordsTheActivityAsAwsWordsIt() {
        ecs.desired.put(WEB, 2);
        register(1, 10);
        PutScalingPolicyResponse policy = cpuPolicy(c -> { });
        metrics.set(WEB, CPU, 80);

        advance(Duration.ofSeconds(60));

        assertThat(ecs.desired.get(WEB)).isEqualTo(4);
        assertThat(activities()).singleElement().satisfies(a -> {
            assertThat(a.description()).isEqualTo("Setting desired count to 4.");
            assertThat(a.cause()).isEqualTo("monitor alarm " + policy.alarms().get(0).alarmName()
                    + " in state ALARM triggered policy cpu");
            assertThat(a.statusCode()).isEqualTo(ScalingActivityStatusCode.SUCCESSFUL);
            assertThat(a.statusMessage()).isEqualTo("Successfully set desired count to 4. Change successfully "
                    + "fulfilled by ecs.");
            assertThat(a.resourceId()).isEqualTo(WEB);
            assertThat(a.startTime()).isEqualTo(Instant.parse("2026-01-01T00:01:00Z"));
        });
    }

    /*
     * ALBRequestCountPerTarget follows what the load balancer counted: the target group's RequestCount of the last
     * whole minute over the desired count (as the data plane files it in CloudWatch), with no value set by hand.
     */
    @Test
    void requestsPerTargetComeFromTheLoadBalancersRequestCount() {
        String label = "app/sandbox-alb/50dc6c495c0c9188/targetgroup/web-default/73e2d6bc24d8a067";
        ecs.desired.put(WEB, 2);
        register(1, 10);
        autoscaling.putScalingPolicy(policy("requests", c -> c.targetValue(60.0).predefinedMetricSpecification(m -> m
                .predefinedMetricType(MetricType.ALB_REQUEST_COUNT_PER_TARGET).resourceLabel(label))));
        MetricStore.MetricId requests = TargetGroupMetrics.byTargetGroup("targetgroup/web-default/73e2d6bc24d8a067",
                TargetGroupMetrics.REQUEST_COUNT);
        // 240 requests in the first minute: 120 per target, twice the target value.
        for (int i = 0; i < 240; i++) {
            cloudWatch.record(requests, Instant.parse("2026-01-01T00:00:30Z"), 1);
        }

        advance(Duration.ofSeconds(60));

        assertThat(ecs.desired.get(WEB)).isEqualTo(4);
        assertThat(activities()).singleElement().satisfies(a -> assertThat(a.cause()).endsWith("policy requests"));

        // A minute without requests has no datapoint: nothing changes, as with a missing metric.
        advance(Duration.ofMinutes(5));
        assertThat(ecs.desired.get(WEB)).isEqualTo(4);
    }

    @Test
    void withoutAMetricValueNothingChanges() {
        ecs.desired.put(WEB, 2);
        register(1, 10);
        cpuPolicy(c -> { });

        advance(Duration.ofMinutes(10));

        assertThat(ecs.desired.get(WEB)).isEqualTo(2);
        assertThat(activities()).isEmpty();
    }

    @Test
    void aSecondScaleOutWaitsForTheDefaultFiveMinuteCooldown() {
        ecs.desired.put(WEB, 2);
        register(1, 10);
        cpuPolicy(c -> { });
        metrics.set(WEB, CPU, 80);
        advance(Duration.ofSeconds(60));

        advance(Duration.ofSeconds(240));
        int duringCooldown = ecs.desired.get(WEB);
        advance(Duration.ofSeconds(60));

        assertThat(duringCooldown).isEqualTo(4);
        assertThat(ecs.desired.get(WEB)).isEqualTo(7);
    }

    @Test
    void aShortScaleOutCooldownLetsTheNextEvaluationScaleOutAgain() {
        ecs.desired.put(WEB, 2);
        register(1, 10);
        cpuPolicy(c -> c.scaleOutCooldown(60));
        metrics.set(WEB, CPU, 80);

        advance(Duration.ofSeconds(120));

        assertThat(ecs.desired.get(WEB)).isEqualTo(7);
    }

    @Test
    void lowCpuScalesInButNotBelowTheMinimum() {
        ecs.desired.put(WEB, 6);
        register(2, 10);
        cpuPolicy(c -> { });
        metrics.set(WEB, CPU, 5);

        advance(Duration.ofSeconds(60));

        assertThat(ecs.desired.get(WEB)).isEqualTo(2);
        assertThat(activities().get(0).cause()).contains("-AlarmLow-");
    }

    @Test
    void disableScaleInKeepsTheCapacityWhenTheLoadDrops() {
        ecs.desired.put(WEB, 6);
        register(2, 10);
        cpuPolicy(c -> c.disableScaleIn(true));
        metrics.set(WEB, CPU, 5);

        advance(Duration.ofMinutes(10));

        assertThat(ecs.desired.get(WEB)).isEqualTo(6);
    }

    @Test
    void scaleOutStopsAtTheMaximum() {
        ecs.desired.put(WEB, 2);
        register(1, 3);
        cpuPolicy(c -> { });
        metrics.set(WEB, CPU, 100);

        advance(Duration.ofSeconds(60));

        assertThat(ecs.desired.get(WEB)).isEqualTo(3);
    }

    @Test
    void aPolicyComesWithTheTwoAlarmsTargetTrackingCreates() {
        ecs.desired.put(WEB, 2);
        register(1, 10);

        PutScalingPolicyResponse policy = cpuPolicy(c -> { });

        assertThat(policy.policyARN()).matches("arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:[0-9a-f-]{36}"
                + ":resource/ecs/service/default/web:policyName/cpu");
        assertThat(policy.alarms()).hasSize(2);
        assertThat(policy.alarms().get(0).alarmName()).startsWith("TargetTracking-service/default/web-AlarmHigh-");
        assertThat(policy.alarms().get(1).alarmName()).startsWith("TargetTracking-service/default/web-AlarmLow-");
        assertThat(policy.alarms().get(0).alarmARN())
                .isEqualTo("arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + policy.alarms().get(0).alarmName());
    }

    @Test
    void aPolicyPutAgainKeepsItsArnAndTakesTheNewConfiguration() {
        ecs.desired.put(WEB, 2);
        register(1, 10);
        String arn = cpuPolicy(c -> { }).policyARN();

        String again = cpuPolicy(c -> c.targetValue(70.0)).policyARN();

        assertThat(again).isEqualTo(arn);
        assertThat(autoscaling.describeScalingPolicies(DescribeScalingPoliciesRequest.builder().serviceNamespace("ecs")
                .build()).scalingPolicies()).singleElement().satisfies(p -> {
                    assertThat(p.targetTrackingScalingPolicyConfiguration().targetValue()).isEqualTo(70.0);
                    assertThat(p.policyType()).isEqualTo(PolicyType.TARGET_TRACKING_SCALING);
                    assertThat(p.alarms()).hasSize(2);
                });
    }

    @Test
    void albRequestCountPerTargetNeedsAResourceLabel() {
        ecs.desired.put(WEB, 2);
        register(1, 10);

        assertValidationError(() -> autoscaling.putScalingPolicy(policy("requests", c -> c.targetValue(100.0)
                .predefinedMetricSpecification(m -> m.predefinedMetricType(MetricType.ALB_REQUEST_COUNT_PER_TARGET)))),
                "ResourceLabel is required for the predefined metric type ALBRequestCountPerTarget");
    }

    @Test
    void albRequestCountPerTargetScalesOnTheRequestsPerTask() {
        ecs.desired.put(WEB, 2);
        register(1, 10);
        autoscaling.putScalingPolicy(policy("requests", c -> c.targetValue(100.0).predefinedMetricSpecification(m -> m
                .predefinedMetricType(MetricType.ALB_REQUEST_COUNT_PER_TARGET)
                .resourceLabel("app/sandbox-alb/50dc6c495c0c9188/targetgroup/web/943f017f100becff"))));
        metrics.set(WEB, MetricType.ALB_REQUEST_COUNT_PER_TARGET.toString(), 250);

        advance(Duration.ofSeconds(60));

        assertThat(ecs.desired.get(WEB)).isEqualTo(5);
    }

    @Test
    void stepScalingIsNotSimulated() {
        ecs.desired.put(WEB, 2);
        register(1, 10);

        assertValidationError(() -> autoscaling.putScalingPolicy(policy("steps", c -> c.targetValue(50.0)).toBuilder()
                .policyType(PolicyType.STEP_SCALING).build()),
                "The sandbox simulates TargetTrackingScaling policies only, not StepScaling");
    }

    @Test
    void deregisteringATargetDeletesItsPoliciesAndStopsTheEvaluations() {
        ecs.desired.put(WEB, 2);
        register(1, 10);
        cpuPolicy(c -> { });

        autoscaling.deregisterScalableTarget(DeregisterScalableTargetRequest.builder().serviceNamespace("ecs")
                .resourceId(WEB).scalableDimension("ecs:service:DesiredCount").build());
        advance(Duration.ofSeconds(60));

        assertThat(autoscaling.describeScalingPolicies(DescribeScalingPoliciesRequest.builder().serviceNamespace("ecs")
                .build()).scalingPolicies()).isEmpty();
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void afterAResetNoEvaluationChangesAnything() {
        ecs.desired.put(WEB, 1);
        register(3, 6);

        autoscaling.reset();
        advance(Duration.ofMinutes(5));

        assertThat(ecs.desired.get(WEB)).isEqualTo(1);
        assertThat(targets()).isEmpty();
    }

    @Test
    void suspendingDynamicScaleOutStopsTheScaleOut() {
        ecs.desired.put(WEB, 2);
        autoscaling.registerScalableTarget(target().minCapacity(1).maxCapacity(10)
                .suspendedState(s -> s.dynamicScalingOutSuspended(true)).build());
        cpuPolicy(c -> { });
        metrics.set(WEB, CPU, 90);

        advance(Duration.ofMinutes(3));

        assertThat(ecs.desired.get(WEB)).isEqualTo(2);
    }

    @Test
    void scalingActivitiesAreListedNewestFirstAndPaged() {
        ecs.desired.put(WEB, 1);
        register(1, 20);
        cpuPolicy(c -> c.scaleOutCooldown(0));
        metrics.set(WEB, CPU, 100);

        advance(Duration.ofMinutes(3));

        var first = autoscaling.describeScalingActivities(DescribeScalingActivitiesRequest.builder()
                .serviceNamespace("ecs").maxResults(2).build());
        var rest = autoscaling.describeScalingActivities(DescribeScalingActivitiesRequest.builder()
                .serviceNamespace("ecs").maxResults(2).nextToken(first.nextToken()).build());
        assertThat(first.scalingActivities()).extracting(ScalingActivity::description)
                .containsExactly("Setting desired count to 8.", "Setting desired count to 4.");
        assertThat(rest.scalingActivities()).extracting(ScalingActivity::description)
                .containsExactly("Setting desired count to 2.");
        assertThat(rest.nextToken()).isNull();
    }

    @Test
    void tagsGivenAtRegistrationAndLaterAreListedByTheTargetArn() {
        ecs.desired.put(WEB, 2);
        String arn = autoscaling.registerScalableTarget(target().minCapacity(1).maxCapacity(4)
                .tags(Map.of("team", "payments")).build()).scalableTargetARN();

        autoscaling.tagResource(TagResourceRequest.builder().resourceARN(arn).tags(Map.of("env", "dev", "app", "web"))
                .build());
        autoscaling.untagResource(UntagResourceRequest.builder().resourceARN(arn).tagKeys("app").build());

        assertThat(autoscaling.listTagsForResource(ListTagsForResourceRequest.builder().resourceARN(arn).build())
                .tags()).containsExactlyInAnyOrderEntriesOf(Map.of("team", "payments", "env", "dev"));
    }

    @Test
    void describeScalableTargetsFiltersByResourceIdAndPages() {
        List.of("service/default/a", "service/default/b", "service/default/c").forEach(id -> {
            ecs.desired.put(id, 1);
            autoscaling.registerScalableTarget(target().resourceId(id).minCapacity(1).maxCapacity(2).build());
        });

        var first = autoscaling.describeScalableTargets(DescribeScalableTargetsRequest.builder().serviceNamespace("ecs")
                .maxResults(2).build());
        var rest = autoscaling.describeScalableTargets(DescribeScalableTargetsRequest.builder().serviceNamespace("ecs")
                .maxResults(2).nextToken(first.nextToken()).build());
        var filtered = autoscaling.describeScalableTargets(DescribeScalableTargetsRequest.builder()
                .serviceNamespace("ecs").resourceIds("service/default/b").build());

        assertThat(first.scalableTargets()).extracting(ScalableTarget::resourceId)
                .containsExactly("service/default/a", "service/default/b");
        assertThat(rest.scalableTargets()).extracting(ScalableTarget::resourceId).containsExactly("service/default/c");
        assertThat(filtered.scalableTargets()).extracting(ScalableTarget::resourceId)
                .containsExactly("service/default/b");
    }

    @Test
    void anotherNamespaceHasNoTargetsInTheSandbox() {
        ecs.desired.put(WEB, 2);
        register(1, 4);

        assertThat(autoscaling.describeScalableTargets(DescribeScalableTargetsRequest.builder()
                .serviceNamespace("dynamodb").build()).scalableTargets()).isEmpty();
    }

    @Test
    void theStateShowsTargetsPoliciesAndActivities() {
        ecs.desired.put(WEB, 2);
        register(1, 10);
        cpuPolicy(c -> { });
        metrics.set(WEB, CPU, 80);
        advance(Duration.ofSeconds(60));

        JsonNode state = autoscaling.state(new JsonCodec());

        assertThat(state.at("/scalableTargets/0/ResourceId").asText()).isEqualTo(WEB);
        assertThat(state.at("/scalingPolicies/0/PolicyName").asText()).isEqualTo("cpu");
        assertThat(state.at("/scalingActivities/0/Description").asText()).isEqualTo("Setting desired count to 4.");
    }

    private void advance(Duration by) {
        // One evaluation period at a time, as the sandbox's ticker would apply them.
        for (Duration left = by; !left.isZero(); ) {
            Duration step = left.compareTo(AutoScalingApi.EVALUATION_PERIOD) > 0 ? AutoScalingApi.EVALUATION_PERIOD
                    : left;
            clock.advance(step);
            scheduler.runDue();
            left = left.minus(step);
        }
    }

    private RegisterScalableTargetResponse register(int min, int max) {
        return autoscaling.registerScalableTarget(target().minCapacity(min).maxCapacity(max).build());
    }

    private static RegisterScalableTargetRequest.Builder target() {
        return RegisterScalableTargetRequest.builder().serviceNamespace("ecs").resourceId(WEB)
                .scalableDimension("ecs:service:DesiredCount");
    }

    private PutScalingPolicyResponse cpuPolicy(Consumer<TargetTrackingScalingPolicyConfiguration.Builder> tweak) {
        return autoscaling.putScalingPolicy(policy("cpu", c -> {
            c.targetValue(50.0).predefinedMetricSpecification(m -> m.predefinedMetricType(CPU));
            tweak.accept(c);
        }));
    }

    private static PutScalingPolicyRequest policy(String name,
            Consumer<TargetTrackingScalingPolicyConfiguration.Builder> configuration) {
        return PutScalingPolicyRequest.builder().serviceNamespace("ecs").resourceId(WEB)
                .scalableDimension("ecs:service:DesiredCount").policyName(name)
                .policyType(PolicyType.TARGET_TRACKING_SCALING)
                .targetTrackingScalingPolicyConfiguration(configuration).build();
    }

    private List<ScalableTarget> targets() {
        return autoscaling.describeScalableTargets(DescribeScalableTargetsRequest.builder().serviceNamespace("ecs")
                .build()).scalableTargets();
    }

    private List<ScalingActivity> activities() {
        return autoscaling.describeScalingActivities(DescribeScalingActivitiesRequest.builder().serviceNamespace("ecs")
                .build()).scalingActivities();
    }

    private static void assertValidationError(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo("ValidationException");
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
