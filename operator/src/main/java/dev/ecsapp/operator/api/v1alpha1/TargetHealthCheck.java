package dev.ecsapp.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** The target group's HTTP health check; ranges are ELBv2's. */
public record TargetHealthCheck(
        @Default("/health")
        @Size(min = 1, max = 1024)
        @Pattern("^/.*$")
        @JsonPropertyDescription("Path requested on each task. Default /health.")
        String path,

        @Default("15")
        @Min(5)
        @Max(300)
        @JsonPropertyDescription("Seconds between checks, 5-300. Default 15.")
        Integer intervalSeconds,

        @Default("2")
        @Min(2)
        @Max(10)
        @JsonPropertyDescription("Successes in a row before a task receives traffic, 2-10. Default 2.")
        Integer healthyThreshold,

        @Default("3")
        @Min(2)
        @Max(10)
        @JsonPropertyDescription("Failures in a row before a task stops receiving traffic, 2-10. Default 3.")
        Integer unhealthyThreshold,

        @Default("5")
        @Min(2)
        @Max(120)
        @JsonPropertyDescription("Seconds without an answer that count as a failure, 2-120, less than the interval. "
                + "Default 5.")
        Integer timeoutSeconds,

        @Default("200")
        @Pattern("^[0-9]{3}((,[0-9]{3})*|-[0-9]{3})$")
        @JsonPropertyDescription("HTTP codes that mean healthy: 200, 200,204 or 200-299. Default 200.")
        String matcher) {

    public TargetHealthCheck {
        path = path == null ? "/health" : path;
        intervalSeconds = intervalSeconds == null ? 15 : intervalSeconds;
        healthyThreshold = healthyThreshold == null ? 2 : healthyThreshold;
        unhealthyThreshold = unhealthyThreshold == null ? 3 : unhealthyThreshold;
        timeoutSeconds = timeoutSeconds == null ? 5 : timeoutSeconds;
        matcher = matcher == null ? "200" : matcher;
    }
}
