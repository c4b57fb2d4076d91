package dev.ecsapp.operator.config;

import java.util.List;

// Any of them may be missing (null or empty): the validator then requires the app to set it.
/** Settings a cluster or team shares, given to the operator once; an app's own value always wins. */
public record OperatorDefaults(
        String cluster,
        String region,
        List<String> subnets,
        List<String> securityGroups,
        String listenerArn,
        String executionRoleArn,
        String taskRoleArn) {

    public OperatorDefaults {
        subnets = subnets == null ? List.of() : List.copyOf(subnets);
        securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
    }

    /** No defaults at all: every app says everything itself. */
    public static OperatorDefaults none() {
        return new OperatorDefaults(null, null, null, null, null, null, null);
    }
}
