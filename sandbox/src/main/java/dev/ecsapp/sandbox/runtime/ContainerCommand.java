package dev.ecsapp.sandbox.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;

/**
 * What a container runs, as ECS computes it from the image config and the container definition: {@code command}
 * replaces the image's Cmd; {@code entryPoint} replaces its Entrypoint and drops its Cmd (unless {@code command}
 * is given too). The environment is the image's Env, then the definition's environment, then its secrets, later
 * ones winning. The image's User is not applied: the process runs as root in its chroot.
 */
public record ContainerCommand(List<String> argv, Map<String, String> environment, String workingDirectory) {

    /** Docker's PATH for an image that sets none. */
    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public ContainerCommand {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
    }

    /**
     * @param imageConfig the OCI image config document (its {@code config} object holds Entrypoint, Cmd, Env,
     *                    WorkingDir)
     * @param secrets     the definition's secrets, already resolved to their values
     */
    public static ContainerCommand of(JsonNode imageConfig, ContainerDefinition container,
            Map<String, String> secrets) {
        JsonNode config = imageConfig.path("config");
        boolean entryPointGiven = container.hasEntryPoint() && !container.entryPoint().isEmpty();
        boolean commandGiven = container.hasCommand() && !container.command().isEmpty();
        List<String> argv = new ArrayList<>(entryPointGiven ? container.entryPoint() : strings(config.path("Entrypoint")));
        if (commandGiven) {
            argv.addAll(container.command());
        } else if (!entryPointGiven) {
            argv.addAll(strings(config.path("Cmd")));
        }
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("Container " + container.name() + " has no command: neither its image"
                    + " nor its definition gives an entrypoint or a command");
        }

        Map<String, String> environment = new LinkedHashMap<>();
        for (String pair : strings(config.path("Env"))) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                environment.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        environment.putIfAbsent("PATH", DEFAULT_PATH);
        if (container.hasEnvironment()) {
            for (KeyValuePair pair : container.environment()) {
                environment.put(pair.name(), pair.value() == null ? "" : pair.value());
            }
        }
        environment.putAll(secrets);

        String workingDirectory = container.workingDirectory() != null ? container.workingDirectory()
                : config.path("WorkingDir").asText("");
        return new ContainerCommand(argv, environment, workingDirectory.isEmpty() ? "/" : workingDirectory);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(value -> values.add(value.asText()));
        }
        return values;
    }
}
