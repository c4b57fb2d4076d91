package dev.ecsapp.sandbox.aws.autoscaling;

import java.time.Instant;
import software.amazon.awssdk.services.applicationautoscaling.model.Alarm;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingScalingPolicyConfiguration;

/** One target tracking policy and the two CloudWatch alarms AWS creates for it (high: scale out; low: scale in). */
final class StoredScalingPolicy {

    final String name;
    final String resourceId;
    final String arn;
    final Instant createdAt;
    final Alarm alarmHigh;
    final Alarm alarmLow;
    TargetTrackingScalingPolicyConfiguration configuration;

    StoredScalingPolicy(String name, String resourceId, String arn, Instant createdAt, Alarm alarmHigh, Alarm alarmLow,
            TargetTrackingScalingPolicyConfiguration configuration) {
        this.name = name;
        this.resourceId = resourceId;
        this.arn = arn;
        this.createdAt = createdAt;
        this.alarmHigh = alarmHigh;
        this.alarmLow = alarmLow;
        this.configuration = configuration;
    }
}
