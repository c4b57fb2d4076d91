package dev.ecsapp.sandbox.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.HealthCheck;

/**
 * A container definition's health check with ECS's defaults filled in (interval 30 s, timeout 5 s, 3 retries, no
 * start period). {@code CMD-SHELL cmd} runs {@code /bin/sh -c cmd}; {@code CMD exe args} runs exe.
 */
public record HealthCheckSpec(List<String> argv, Duration interval, Duration timeout, int retries,
        Duration startPeriod) {

    public HealthCheckSpec {
        argv = List.copyOf(argv);
    }

    /** Empty for no health check, or {@code NONE}. */
    public static Optional<HealthCheckSpec> of(HealthCheck check) {
        if (check == null || !check.hasCommand() || check.command().isEmpty()) {
            return Optional.empty();
        }
        List<String> command = check.command();
        List<String> rest = command.subList(1, command.size());
        List<String> argv = switch (command.get(0)) {
            case "CMD-SHELL" -> List.of("/bin/sh", "-c", String.join(" ", rest));
            case "CMD" -> rest;
            case "NONE" -> List.of();
            // Docker reads a command without CMD/CMD-SHELL as CMD-SHELL.
            default -> List.of("/bin/sh", "-c", String.join(" ", command));
        };
        if (argv.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new HealthCheckSpec(argv, seconds(check.interval(), 30), seconds(check.timeout(), 5),
                check.retries() == null ? 3 : check.retries(), seconds(check.startPeriod(), 0)));
    }

    private static Duration seconds(Integer value, int otherwise) {
        return Duration.ofSeconds(value == null ? otherwise : value);
    }
}
