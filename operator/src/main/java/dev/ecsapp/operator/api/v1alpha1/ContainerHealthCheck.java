package dev.ecsapp.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** A health check ECS runs inside the container; ranges are ECS's. */
public record ContainerHealthCheck(
        @Required
        @Size(min = 2, max = 50)
        @JsonPropertyDescription("Command, starting with CMD (exec form) or CMD-SHELL (run by the image's shell), e.g. "
                + "[\"CMD-SHELL\", \"curl -f http://localhost:5000/health || exit 1\"].")
        List<String> command,

        @Default("30")
        @Min(5)
        @Max(300)
        @JsonPropertyDescription("Seconds between checks, 5-300. Default 30.")
        Integer intervalSeconds,

        @Default("5")
        @Min(2)
        @Max(60)
        @JsonPropertyDescription("Seconds a check may take before it counts as failed, 2-60, less than the interval. "
                + "Default 5.")
        Integer timeoutSeconds,

        @Default("3")
        @Min(1)
        @Max(10)
        @JsonPropertyDescription("Failed checks in a row before the container is unhealthy, 1-10. Default 3.")
        Integer retries,

        @Default("0")
        @Min(0)
        @Max(300)
        @JsonPropertyDescription("Seconds after start during which failures do not count, 0-300. Default 0.")
        Integer startPeriodSeconds) {

    public ContainerHealthCheck {
        command = command == null ? List.of() : List.copyOf(command);
        intervalSeconds = intervalSeconds == null ? 30 : intervalSeconds;
        timeoutSeconds = timeoutSeconds == null ? 5 : timeoutSeconds;
        retries = retries == null ? 3 : retries;
        startPeriodSeconds = startPeriodSeconds == null ? 0 : startPeriodSeconds;
    }
}
