package dev.ecsapp.operator.desired;

import java.util.List;
import java.util.Map;

/** The one container of the app's task. Lists are sorted by name, so equal inputs give equal values. */
public record DesiredContainer(
        String name,
        String image,
        int containerPort,
        List<KeyValue> environment,
        List<KeyValue> secrets,
        DesiredHealthCheck healthCheck,
        Map<String, String> logOptions) {

    public static final String LOG_DRIVER = "awslogs";
}
