package dev.ecsapp.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** A rule on an ALB listener that forwards matching requests to the app's target group. */
@ValidationRule(value = "(has(self.pathPatterns) && size(self.pathPatterns) > 0) "
        + "|| (has(self.hosts) && size(self.hosts) > 0)",
        message = LoadBalancerSpec.NEEDS_PATHS_OR_HOSTS)
public record LoadBalancerSpec(
        @Pattern("^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\\d{12}:listener/app/.+$")
        @JsonPropertyDescription("ARN of the ALB listener (HTTP or HTTPS). Default: the operator's listener.")
        String listenerArn,

        @Size(max = 5)
        @JsonPropertyDescription("Path patterns to match, e.g. /shop/*; * and ? are wildcards, "
                + "up to 128 characters each.")
        List<String> pathPatterns,

        // ELBv2's HostHeaderConditionConfig: up to 128 of A-Z a-z 0-9 - . * ?, at least one dot, and only letters
        // after the last one.
        @Size(max = 5)
        @JsonPropertyDescription("Host names to match, e.g. shop.example.com or *.example.com: up to 128 letters, "
                + "digits and - . * ?, with at least one dot and only letters after the last one.")
        List<@Size(max = 128) @Pattern("^[A-Za-z0-9*?.-]*\\.[A-Za-z]+$") String> hosts,

        @Min(1)
        @Max(50000)
        @JsonPropertyDescription("Rule priority on the listener, 1-50000, lower is evaluated first. "
                + "Default: one from 1000 up chosen by how specific the hosts and paths are (exact host, then "
                + "wildcard, then none; then the longer literal path; /* last). Explicit priorities belong in "
                + "1-999; the operator may keep them to some namespaces.")
        Integer priority,

        @JsonPropertyDescription("How the load balancer decides a task is healthy.")
        TargetHealthCheck healthCheck,

        @Min(0)
        @Max(2147483647)
        @JsonPropertyDescription("Seconds ECS ignores failing load balancer health checks of a new task. "
                + "Default: none.")
        Integer gracePeriodSeconds,

        @Default("30")
        @Min(0)
        @Max(3600)
        @JsonPropertyDescription("Seconds a deregistered task keeps serving requests in flight, 0-3600. Default 30.")
        Integer deregistrationDelaySeconds) {

    /** AWS's own default is 300 s, which slows every rolling batch; web apps rarely hold requests that long. */
    public static final int DEFAULT_DEREGISTRATION_DELAY_SECONDS = 30;
    public static final String NEEDS_PATHS_OR_HOSTS = "loadBalancer needs pathPatterns, hosts or both";

    public LoadBalancerSpec {
        pathPatterns = pathPatterns == null ? List.of() : List.copyOf(pathPatterns);
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        healthCheck = healthCheck == null ? new TargetHealthCheck(null, null, null, null, null, null) : healthCheck;
        deregistrationDelaySeconds = deregistrationDelaySeconds == null
                ? DEFAULT_DEREGISTRATION_DELAY_SECONDS : deregistrationDelaySeconds;
    }
}
