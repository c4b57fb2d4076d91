package dev.ecsapp.sandbox.aws.autoscaling;

import dev.ecsapp.sandbox.aws.protocol.AwsException;
import dev.ecsapp.sandbox.aws.protocol.Constraints;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

/** The one kind of scalable target the sandbox serves, an ECS service's desired count, checked as AWS checks it. */
final class EcsScalableTargets {

    static final String NAMESPACE = ServiceNamespace.ECS.toString();
    static final String DIMENSION = ScalableDimension.ECS_SERVICE_DESIRED_COUNT.toString();

    private static final Pattern RESOURCE_ID = Pattern.compile("service/[^/]+/[^/]+");
    private static final int MAX_RESOURCE_ID = 1600;

    private EcsScalableTargets() {
    }

    /**
     * For operations on one target: all three members are required and must name an ECS service's desired count.
     *
     * @throws AwsException ValidationException
     */
    static void checkTarget(String namespace, String resourceId, String dimension) {
        checkModel(namespace, resourceId, dimension);
        if (resourceId == null) {
            throw invalid(Constraints.notNull("resourceId"));
        }
        if (dimension == null) {
            throw invalid(Constraints.notNull("scalableDimension"));
        }
        if (!NAMESPACE.equals(namespace) || !DIMENSION.equals(dimension)
                || !RESOURCE_ID.matcher(resourceId).matches()) {
            // Application Auto Scaling's answer when the three do not fit together or the sandbox has no such service.
            throw invalid("Unsupported service namespace, resource type or scalable dimension");
        }
    }

    /**
     * For listings: the namespace is required, every member must be a value the model allows. A namespace other than
     * {@code ecs} is valid and simply has nothing in the sandbox.
     */
    static void checkModel(String namespace, String resourceId, String dimension) {
        if (namespace == null) {
            throw invalid(Constraints.notNull("serviceNamespace"));
        }
        if (ServiceNamespace.fromValue(namespace) == ServiceNamespace.UNKNOWN_TO_SDK_VERSION) {
            throw invalid(Constraints.enumValue("serviceNamespace", namespace, ServiceNamespace.knownValues()));
        }
        if (dimension != null
                && ScalableDimension.fromValue(dimension) == ScalableDimension.UNKNOWN_TO_SDK_VERSION) {
            throw invalid(Constraints.enumValue("scalableDimension", dimension, ScalableDimension.knownValues()));
        }
        if (resourceId != null && (resourceId.isEmpty() || resourceId.length() > MAX_RESOURCE_ID)) {
            throw invalid(resourceId.isEmpty() ? Constraints.minLength("resourceId", resourceId, 1)
                    : Constraints.maxLength("resourceId", resourceId, MAX_RESOURCE_ID));
        }
    }

    static AwsException invalid(String message) {
        return new AwsException("ValidationException", message);
    }
}
