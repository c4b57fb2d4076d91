package dev.ecsapp.operator.desired;

import java.util.Map;

/** The CloudWatch log group the container's awslogs driver writes to. */
public record DesiredLogGroup(String name, int retentionDays, Map<String, String> tags) {

    public static DesiredLogGroup of(AppInput input) {
        return new DesiredLogGroup(input.names().logGroupName(), input.spec().logRetentionDays(), input.tags());
    }
}
