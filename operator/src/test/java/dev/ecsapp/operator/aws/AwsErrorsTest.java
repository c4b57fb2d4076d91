package dev.ecsapp.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsapp.operator.aws.AwsErrors.Origin;
import dev.ecsapp.operator.aws.AwsFailure.Kind;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.applicationautoscaling.model.ObjectNotFoundException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ServerException;
import software.amazon.awssdk.services.ecs.model.ServiceNotActiveException;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.PriorityInUseException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ResourceInUseException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;

class AwsErrorsTest {

    private static AwsErrorDetails details(String code, String message) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).build();
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(InvalidParameterException.builder().statusCode(400)
                        .awsErrorDetails(details("InvalidParameterException", "Desired count must be 0 or greater."))
                        .build(), Origin.OPERATOR, Kind.TERMINAL),
                Arguments.of(ClientException.builder().statusCode(400).awsErrorDetails(details("ClientException",
                        "No Fargate configuration exists for given values: 256 CPU, 4096 memory.")).build(),
                        Origin.OPERATOR, Kind.TERMINAL),
                Arguments.of(ElasticLoadBalancingV2Exception.builder().statusCode(400)
                        .awsErrorDetails(details("ValidationError", "Health check interval must be greater than "
                                + "the timeout.")).build(), Origin.OPERATOR, Kind.TERMINAL),
                Arguments.of(ElasticLoadBalancingV2Exception.builder().statusCode(403)
                        .awsErrorDetails(details("AccessDenied", "not authorized")).build(),
                        Origin.OPERATOR, Kind.TERMINAL),
                Arguments.of(EcsException.builder().statusCode(400).awsErrorDetails(details("ThrottlingException",
                        "Rate exceeded")).build(), Origin.OPERATOR, Kind.TRANSIENT),
                Arguments.of(ElasticLoadBalancingV2Exception.builder().statusCode(400)
                        .awsErrorDetails(details("Throttling", "Rate exceeded")).build(),
                        Origin.OPERATOR, Kind.TRANSIENT),
                Arguments.of(EcsException.builder().statusCode(429).awsErrorDetails(details(
                        "TooManyRequestsException", "slow down")).build(), Origin.OPERATOR, Kind.TRANSIENT),
                Arguments.of(ServerException.builder().statusCode(500).awsErrorDetails(details("ServerException",
                        "Service Unavailable")).build(), Origin.OPERATOR, Kind.TRANSIENT),
                Arguments.of(EcsException.builder().statusCode(503).awsErrorDetails(details("SomethingNew",
                        "unheard of")).build(), Origin.OPERATOR, Kind.TRANSIENT),
                Arguments.of(ServiceNotFoundException.builder().statusCode(400).awsErrorDetails(details(
                        "ServiceNotFoundException", "Service not found.")).build(), Origin.OPERATOR, Kind.NOT_FOUND),
                Arguments.of(RepositoryNotFoundException.builder().statusCode(400).awsErrorDetails(details(
                        "RepositoryNotFoundException", "no repository")).build(), Origin.OPERATOR, Kind.NOT_FOUND),
                Arguments.of(ResourceNotFoundException.builder().statusCode(400).awsErrorDetails(details(
                        "ResourceNotFoundException", "The specified log group does not exist.")).build(),
                        Origin.OPERATOR, Kind.NOT_FOUND),
                Arguments.of(ObjectNotFoundException.builder().statusCode(400).awsErrorDetails(details(
                        "ObjectNotFoundException", "No scalable target")).build(), Origin.OPERATOR, Kind.NOT_FOUND),
                Arguments.of(TargetGroupNotFoundException.builder().statusCode(400).awsErrorDetails(details(
                        "TargetGroupNotFound", "One or more target groups not found")).build(),
                        Origin.OPERATOR, Kind.NOT_FOUND),
                Arguments.of(TargetGroupNotFoundException.builder().statusCode(400).awsErrorDetails(details(
                        "TargetGroupNotFound", "One or more target groups not found")).build(),
                        Origin.USER, Kind.TERMINAL),
                Arguments.of(PriorityInUseException.builder().statusCode(400).awsErrorDetails(details(
                        "PriorityInUse", "Priority '10' is currently in use")).build(), Origin.USER, Kind.TERMINAL),
                Arguments.of(PriorityInUseException.builder().statusCode(400).awsErrorDetails(details(
                        "PriorityInUse", "Priority '1000' is currently in use")).build(),
                        Origin.OPERATOR, Kind.TRANSIENT),
                Arguments.of(ResourceInUseException.builder().statusCode(400).awsErrorDetails(details(
                        "ResourceInUse", "Target group is currently in use by a listener or a rule")).build(),
                        Origin.OPERATOR, Kind.WAITING),
                Arguments.of(ServiceNotActiveException.builder().statusCode(400).awsErrorDetails(details(
                        "ServiceNotActiveException", "Service was not ACTIVE.")).build(),
                        Origin.OPERATOR, Kind.WAITING),
                Arguments.of(SdkClientException.create("Unable to execute HTTP request: Connection refused",
                        new IOException("Connection refused")), Origin.OPERATOR, Kind.TRANSIENT),
                Arguments.of(ApiCallTimeoutException.create(30_000), Origin.OPERATOR, Kind.TRANSIENT));
    }

    @ParameterizedTest(name = "{0} from the {1} is {2}")
    @MethodSource("failures")
    void eachFailureHasTheKindItsReactionNeeds(Exception failure, Origin origin, Kind kind) {
        assertThat(AwsErrors.classify(failure, origin).kind()).isEqualTo(kind);
    }

    @Test
    void theConditionMessageKeepsAwsCodeAndMessage() {
        AwsServiceException refused = ClientException.builder().statusCode(400).awsErrorDetails(details(
                "ClientException", "No Fargate configuration exists for given values: 256 CPU, 4096 memory."))
                .build();

        assertThat(AwsErrors.classify(refused).conditionMessage())
                .isEqualTo("ClientException: No Fargate configuration exists for given values: 256 CPU, 4096 memory.");
    }

    @Test
    void aCallThatFailsThrowsItsClassification() {
        assertThatThrownBy(() -> AwsErrors.call("UpdateService", () -> {
            throw ServiceNotActiveException.builder().statusCode(400)
                    .awsErrorDetails(details("ServiceNotActiveException", "Service was not ACTIVE.")).build();
        })).isInstanceOfSatisfying(AwsCallException.class, e -> {
            assertThat(e.failure().kind()).isEqualTo(Kind.WAITING);
            assertThat(e.getMessage()).startsWith("UpdateService failed (WAITING)");
        });
    }

    @Test
    void aReadOfSomethingMissingIsEmptyRatherThanAFailure() {
        assertThat(AwsErrors.find("DescribeTargetGroups", () -> {
            throw TargetGroupNotFoundException.builder().statusCode(400)
                    .awsErrorDetails(details("TargetGroupNotFound", "not found")).build();
        })).isEmpty();
    }
}
