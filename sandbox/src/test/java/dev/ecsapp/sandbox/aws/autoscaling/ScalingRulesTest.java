package dev.ecsapp.sandbox.aws.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsapp.sandbox.aws.protocol.AwsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingScalingPolicyConfiguration;

/** Which scalable targets and scaling policies Application Auto Scaling takes for an ECS service. */
class ScalingRulesTest {

    @Test
    void anEcsServicesDesiredCountIsAValidTarget() {
        assertThatCode(() -> EcsScalableTargets.checkTarget("ecs", "service/default/web", "ecs:service:DesiredCount"))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"service/web", "cluster/default/web", "service/default/web/extra", "web"})
    void aResourceIdThatIsNotServiceClusterServiceIsUnsupported(String resourceId) {
        assertThatThrownBy(() -> EcsScalableTargets.checkTarget("ecs", resourceId, "ecs:service:DesiredCount"))
                .hasMessage("Unsupported service namespace, resource type or scalable dimension");
    }

    @Test
    void anotherServicesNamespaceIsUnsupported() {
        assertThatThrownBy(() -> EcsScalableTargets.checkTarget("dynamodb", "table/orders",
                "dynamodb:table:ReadCapacityUnits"))
                .hasMessage("Unsupported service namespace, resource type or scalable dimension");
    }

    @Test
    void aMissingNamespaceMustNotBeNull() {
        assertThatThrownBy(() -> EcsScalableTargets.checkModel(null, null, null))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("ValidationException");
                    assertThat(e.getMessage()).isEqualTo("1 validation error detected: Value null at "
                            + "'serviceNamespace' failed to satisfy constraint: Member must not be null");
                });
    }

    @Test
    void anUnknownDimensionIsRefusedListingTheValidOnes() {
        assertThatThrownBy(() -> EcsScalableTargets.checkModel("ecs", null, "ecs:service:Tasks"))
                .hasMessageStartingWith("1 validation error detected: Value 'ecs:service:Tasks' at 'scalableDimension' "
                        + "failed to satisfy constraint: Member must satisfy enum value set: "
                        + "[ecs:service:DesiredCount, ");
    }

    @Test
    void aCpuPolicyWithATargetValueIsAccepted() {
        assertThat(ScalingPolicyRules.configurationProblem(configuration(MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION)
                .build())).isEmpty();
    }

    @Test
    void aPolicyWithoutATargetValueIsRefused() {
        assertThat(ScalingPolicyRules.configurationProblem(configuration(MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION)
                .targetValue(null).build())).contains("1 validation error detected: Value null at "
                        + "'targetTrackingScalingPolicyConfiguration.targetValue' failed to satisfy constraint: Member "
                        + "must not be null");
    }

    @Test
    void aMetricOfAnotherServiceIsRefusedForEcs() {
        assertThat(ScalingPolicyRules.configurationProblem(configuration(MetricType.DYNAMO_DB_READ_CAPACITY_UTILIZATION)
                .build())).contains("Unsupported predefined metric type DynamoDBReadCapacityUtilization for service "
                        + "namespace ecs");
    }

    @Test
    void aResourceLabelMustNameALoadBalancerAndATargetGroup() {
        assertThat(ScalingPolicyRules.configurationProblem(configuration(MetricType.ALB_REQUEST_COUNT_PER_TARGET)
                .predefinedMetricSpecification(m -> m.predefinedMetricType(MetricType.ALB_REQUEST_COUNT_PER_TARGET)
                        .resourceLabel("targetgroup/web/943f017f100becff")).build()))
                .hasValueSatisfying(m -> assertThat(m).startsWith("Invalid ResourceLabel"));
    }

    @Test
    void aNegativeCooldownIsRefused() {
        assertThat(ScalingPolicyRules.configurationProblem(configuration(MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION)
                .scaleInCooldown(-1).build())).hasValueSatisfying(m -> assertThat(m)
                        .endsWith("Member must have value greater than or equal to 0"));
    }

    @Test
    void aPolicyWithoutTypeIsStepScalingWhichTheSandboxDoesNotSimulate() {
        assertThat(ScalingPolicyRules.typeProblem(null))
                .contains("The sandbox simulates TargetTrackingScaling policies only, not StepScaling");
    }

    @Test
    void aPolicyNameOfUnprintableCharactersIsRefused() {
        assertThat(ScalingPolicyRules.nameProblem("cpu\n")).isPresent();
        assertThat(ScalingPolicyRules.nameProblem("cpu-75 target tracking")).isEmpty();
    }

    private static TargetTrackingScalingPolicyConfiguration.Builder configuration(MetricType metric) {
        return TargetTrackingScalingPolicyConfiguration.builder().targetValue(50.0)
                .predefinedMetricSpecification(m -> m.predefinedMetricType(metric));
    }
}
