package dev.ecsapp.sandbox.aws;

import java.util.OptionalInt;

/**
 * What Application Auto Scaling needs of ECS: read and set a service's desired count. ECS implements it; resource
 * IDs are Application Auto Scaling's ({@code service/<cluster name>/<service name>}).
 */
public interface ScalableServices {

    /** The desired count of an ACTIVE service, or empty when there is none. */
    OptionalInt desiredCount(String resourceId);

    void setDesiredCount(String resourceId, int desiredCount);
}
