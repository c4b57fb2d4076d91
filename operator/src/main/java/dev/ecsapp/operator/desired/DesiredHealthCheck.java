package dev.ecsapp.operator.desired;

import dev.ecsapp.operator.api.v1alpha1.ContainerHealthCheck;
import java.util.List;

/** The container health check as ECS stores it, every field explicit so that ECS fills in nothing. */
public record DesiredHealthCheck(List<String> command, int interval, int timeout, int retries, int startPeriod) {

    static DesiredHealthCheck of(ContainerHealthCheck check) {
        return new DesiredHealthCheck(check.command(), check.intervalSeconds(), check.timeoutSeconds(),
                check.retries(), check.startPeriodSeconds());
    }
}
