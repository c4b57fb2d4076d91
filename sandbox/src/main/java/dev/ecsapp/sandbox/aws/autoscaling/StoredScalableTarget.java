package dev.ecsapp.sandbox.aws.autoscaling;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.applicationautoscaling.model.SuspendedState;

/** One registered ECS service: its capacity range and what target tracking remembers of it. */
final class StoredScalableTarget {

    final String resourceId;
    final String arn;
    final Instant createdAt;
    int minCapacity;
    int maxCapacity;
    SuspendedState suspendedState;
    final Map<String, String> tags = new TreeMap<>();
    Instant lastScaleOut;
    Instant lastScaleIn;
    /** Set by RegisterScalableTarget: the next evaluation brings the desired count into [min, max]. */
    boolean rangeChanged;

    StoredScalableTarget(String resourceId, String arn, Instant createdAt, int minCapacity, int maxCapacity,
            SuspendedState suspendedState) {
        this.resourceId = resourceId;
        this.arn = arn;
        this.createdAt = createdAt;
        this.minCapacity = minCapacity;
        this.maxCapacity = maxCapacity;
        this.suspendedState = suspendedState;
    }
}
