package dev.ecsapp.operator.aws;

import dev.ecsapp.operator.aws.AwsFailure.Kind;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

// Codes differ by protocol: the JSON services (ECS, ECR, Logs, Application Auto Scaling) end theirs in "Exception",
// the query ones (ELBv2) do not ("TargetGroupNotFound", "Throttling"). Both spellings are listed where AWS uses both.
/** The one place that says what an AWS SDK exception means for a reconcile: terminal, transient, waiting, absent. */
public final class AwsErrors {

    /** Where the value AWS refused came from, which decides whether the user must act. */
    public enum Origin {
        /** The operator named or chose it (a derived name, a chosen priority): a conflict is solved by trying again. */
        OPERATOR,
        /** The spec named it (a listener ARN, a priority): only the user can fix a missing or taken one. */
        USER
    }

    private static final Set<String> NOT_FOUND = Set.of(
            "ServiceNotFoundException", "ResourceNotFoundException", "RepositoryNotFoundException",
            "LifecyclePolicyNotFoundException", "ObjectNotFoundException", "TargetGroupNotFound", "RuleNotFound",
            "ListenerNotFound", "LoadBalancerNotFound");

    private static final Map<String, Kind> BY_CODE = Map.ofEntries(
            Map.entry("InvalidParameterException", Kind.TERMINAL),
            Map.entry("ClientException", Kind.TERMINAL),
            Map.entry("ValidationError", Kind.TERMINAL),
            Map.entry("ValidationException", Kind.TERMINAL),
            Map.entry("InvalidConfigurationRequest", Kind.TERMINAL),
            Map.entry("AccessDenied", Kind.TERMINAL),
            Map.entry("AccessDeniedException", Kind.TERMINAL),
            Map.entry("UnauthorizedOperation", Kind.TERMINAL),
            Map.entry("ClusterNotFoundException", Kind.TERMINAL),
            Map.entry("PlatformUnknownException", Kind.TERMINAL),
            Map.entry("UnsupportedFeatureException", Kind.TERMINAL),
            Map.entry("LimitExceededException", Kind.TERMINAL),
            Map.entry("TooManyTargetGroups", Kind.TERMINAL),
            Map.entry("TooManyRules", Kind.TERMINAL),
            Map.entry("TooManyTags", Kind.TERMINAL),
            Map.entry("TooManyTagsException", Kind.TERMINAL),
            Map.entry("ThrottlingException", Kind.TRANSIENT),
            Map.entry("Throttling", Kind.TRANSIENT),
            Map.entry("TooManyRequestsException", Kind.TRANSIENT),
            Map.entry("RequestLimitExceeded", Kind.TRANSIENT),
            Map.entry("ServerException", Kind.TRANSIENT),
            Map.entry("ServiceUnavailableException", Kind.TRANSIENT),
            Map.entry("InternalServiceException", Kind.TRANSIENT),
            Map.entry("ConcurrentUpdateException", Kind.TRANSIENT),
            Map.entry("OperationAbortedException", Kind.TRANSIENT),
            // A create that lost a race with an earlier attempt: the next observe finds the resource.
            Map.entry("DuplicateTargetGroupName", Kind.TRANSIENT),
            Map.entry("RepositoryAlreadyExistsException", Kind.TRANSIENT),
            Map.entry("ResourceAlreadyExistsException", Kind.TRANSIENT),
            // ECS is still draining the service, or ELBv2 still has a rule pointing at the target group.
            Map.entry("ServiceNotActiveException", Kind.WAITING),
            Map.entry("ResourceInUse", Kind.WAITING));

    /** Codes for a value that can be taken by someone else: the user's to change, the operator's to choose again. */
    private static final Set<String> CONFLICTS = Set.of("PriorityInUse");

    private AwsErrors() {
    }

    /** Classifies a failure of a call on something the operator named. */
    public static AwsFailure classify(Throwable error) {
        return classify(error, Origin.OPERATOR);
    }

    public static AwsFailure classify(Throwable error, Origin origin) {
        if (error instanceof AwsCallException called) {
            return called.failure();
        }
        if (error instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails() == null ? service.getMessage()
                    : service.awsErrorDetails().errorMessage();
            return new AwsFailure(kindOf(service, code, origin), code == null ? "HTTP " + service.statusCode()
                    : code, message);
        }
        if (error instanceof SdkClientException client) {
            // No answer from AWS: a timeout, a refused or reset connection. Nothing about the spec is wrong.
            return new AwsFailure(Kind.TRANSIENT, client.getClass().getSimpleName(), client.getMessage());
        }
        return new AwsFailure(Kind.TRANSIENT, error.getClass().getSimpleName(), error.getMessage());
    }

    private static Kind kindOf(AwsServiceException service, String code, Origin origin) {
        if (code != null && NOT_FOUND.contains(code)) {
            return origin == Origin.USER ? Kind.TERMINAL : Kind.NOT_FOUND;
        }
        if (code != null && CONFLICTS.contains(code)) {
            return origin == Origin.USER ? Kind.TERMINAL : Kind.TRANSIENT;
        }
        if (code != null && BY_CODE.containsKey(code)) {
            return BY_CODE.get(code);
        }
        if (service.isThrottlingException() || service.statusCode() >= 500) {
            return Kind.TRANSIENT;
        }
        // An unknown 4xx is most likely about the request; saying so beats retrying it forever.
        return Kind.TERMINAL;
    }

    /** Runs a call; an SDK failure becomes an {@link AwsCallException} carrying its classification. */
    public static <T> T call(String operation, Supplier<T> call) {
        return call(operation, Origin.OPERATOR, call);
    }

    public static <T> T call(String operation, Origin origin, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw new AwsCallException(operation, classify(e, origin), e);
        }
    }

    /** Runs a read; NOT_FOUND becomes empty, any other failure an {@link AwsCallException}. */
    public static <T> Optional<T> find(String operation, Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (SdkException e) {
            AwsFailure failure = classify(e);
            if (failure.kind() == Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw new AwsCallException(operation, failure, e);
        }
    }
}
