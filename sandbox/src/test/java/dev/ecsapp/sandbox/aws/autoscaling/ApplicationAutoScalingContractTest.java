package dev.ecsapp.sandbox.aws.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsapp.sandbox.cli.AwsCli;
import dev.ecsapp.sandbox.SandboxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ApplicationAutoScalingException;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

/**
 * Application Auto Scaling through the real {@link ApplicationAutoScalingClient} and the AWS CLI v2.
 *
 * <p>Maven Central has no 2.57.8 of the SDK's {@code applicationautoscaling} module, so the build pairs its 2.44.3
 * with the rest of the SDK at 2.57.8: these tests are the proof that this client works with that core. They keep to
 * what the sandbox can answer before an ECS service exists (an empty account, validation, not-found errors); the
 * scaling itself is tested in {@link AutoScalingApiTest} against a fake ECS.
 */
class ApplicationAutoScalingContractTest {

    @RegisterExtension
    static SandboxExtension sandbox = new SandboxExtension();

    private static final String SERVICE = "service/default/web";

    private ApplicationAutoScalingClient autoscaling;

    @BeforeEach
    void client() {
        autoscaling = sandbox.client(ApplicationAutoScalingClient.builder());
    }

    @AfterEach
    void close() {
        autoscaling.close();
    }

    @Test
    void aNewAccountHasNoScalableTargetsPoliciesOrActivities() {
        assertThat(autoscaling.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS))
                .scalableTargets()).isEmpty();
        assertThat(autoscaling.describeScalingPolicies(r -> r.serviceNamespace(ServiceNamespace.ECS))
                .scalingPolicies()).isEmpty();
        assertThat(autoscaling.describeScalingActivities(r -> r.serviceNamespace(ServiceNamespace.ECS))
                .scalingActivities()).isEmpty();
    }

    @Test
    void registeringAServiceThatDoesNotExistIsAValidationError() {
        assertAwsError(() -> autoscaling.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .resourceId(SERVICE).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .minCapacity(1).maxCapacity(4)), "ValidationException", "ECS service doesn't exist: " + SERVICE);
    }

    @Test
    void aDimensionOfAnotherServiceDoesNotFitAnEcsResource() {
        assertAwsError(() -> autoscaling.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .resourceId(SERVICE).scalableDimension(ScalableDimension.DYNAMODB_TABLE_READ_CAPACITY_UNITS)
                .minCapacity(1).maxCapacity(4)), "ValidationException",
                "Unsupported service namespace, resource type or scalable dimension");
    }

    @Test
    void anUnknownNamespaceIsRefusedListingTheValidOnes() {
        assertThatThrownBy(() -> autoscaling.describeScalableTargets(r -> r.serviceNamespace("kubernetes")))
                .isInstanceOfSatisfying(ApplicationAutoScalingException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith("1 validation error detected: Value "
                            + "'kubernetes' at 'serviceNamespace' failed to satisfy constraint: Member must satisfy "
                            + "enum value set: [ecs, elasticmapreduce, ec2");
                });
    }

    @Test
    void deregisteringATargetThatIsNotRegisteredIsObjectNotFound() {
        assertAwsError(() -> autoscaling.deregisterScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .resourceId(SERVICE).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)),
                "ObjectNotFoundException", "No scalable target registered for service namespace: ecs, resource ID: "
                        + SERVICE + ", scalable dimension: ecs:service:DesiredCount");
    }

    @Test
    void aPolicyForATargetThatIsNotRegisteredIsObjectNotFound() {
        assertAwsError(() -> autoscaling.putScalingPolicy(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .resourceId(SERVICE).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .policyName("cpu").policyType(PolicyType.TARGET_TRACKING_SCALING)
                .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(50.0).predefinedMetricSpecification(
                        m -> m.predefinedMetricType(MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION)))),
                "ObjectNotFoundException", "No scalable target registered for service namespace: ecs, resource ID: "
                        + SERVICE + ", scalable dimension: ecs:service:DesiredCount");
    }

    @Test
    void deletingAPolicyThatDoesNotExistIsObjectNotFound() {
        assertAwsError(() -> autoscaling.deleteScalingPolicy(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .resourceId(SERVICE).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .policyName("cpu")), "ObjectNotFoundException", "No scaling policy found for service namespace: ecs, "
                + "resource ID: " + SERVICE + ", scalable dimension: ecs:service:DesiredCount, policy name: cpu");
    }

    @Test
    void maxResultsAbove50IsRefused() {
        assertAwsError(() -> autoscaling.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .maxResults(51)), "ValidationException", "1 validation error detected: Value '51' at 'maxResults' "
                + "failed to satisfy constraint: Member must have value less than or equal to 50");
    }

    @Test
    void aNextTokenTheSandboxDidNotHandOutIsInvalid() {
        assertAwsError(() -> autoscaling.describeScalingActivities(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .nextToken("not-a-token")), "InvalidNextTokenException", "The next token supplied was invalid.");
    }

    @Test
    void tagsOfAnUnknownScalableTargetAreResourceNotFound() {
        String arn = "arn:aws:application-autoscaling:us-east-1:123456789012:scalable-target/0123456789abcdef01234567"
                + "89abcdef0123";

        assertThatThrownBy(() -> autoscaling.listTagsForResource(r -> r.resourceARN(arn)))
                .isInstanceOfSatisfying(ApplicationAutoScalingException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException"));
    }

    @Test
    void theAwsCliDescribesNoScalableTargetsForEcs() throws Exception {
        AwsCli aws = new AwsCli(sandbox.endpoint());

        JsonNode targets = aws.run("application-autoscaling", "describe-scalable-targets", "--service-namespace", "ecs")
                .json();
        AwsCli.Result register = aws.run("application-autoscaling", "register-scalable-target",
                "--service-namespace", "ecs", "--resource-id", SERVICE, "--scalable-dimension",
                "ecs:service:DesiredCount", "--min-capacity", "1", "--max-capacity", "3");

        assertThat(targets.path("ScalableTargets").isArray()).isTrue();
        assertThat(targets.path("ScalableTargets")).isEmpty();
        assertThat(register.exitCode()).isEqualTo(254);
        assertThat(register.stderr()).contains("ValidationException").contains("ECS service doesn't exist: " + SERVICE);
    }

    private static void assertAwsError(Runnable call, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApplicationAutoScalingException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
            assertThat(e.statusCode()).isEqualTo(400);
        });
    }
}
