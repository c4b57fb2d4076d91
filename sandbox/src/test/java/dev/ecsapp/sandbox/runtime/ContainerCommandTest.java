package dev.ecsapp.sandbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;

class ContainerCommandTest {

    private static final JsonNode CONFIG = config();

    private static JsonNode config() {
        try {
            return new ObjectMapper().readTree("""
                    {"config": {"Entrypoint": ["/entry"], "Cmd": ["serve", "--port=80"],
                      "Env": ["A=image", "B=image"], "WorkingDir": "/srv"}}
                    """);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theImageDecidesWhenTheDefinitionSaysNothing() {
        ContainerCommand command = ContainerCommand.of(CONFIG, ContainerDefinition.builder().name("app").build(),
                Map.of());
        assertThat(command.argv()).containsExactly("/entry", "serve", "--port=80");
        assertThat(command.workingDirectory()).isEqualTo("/srv");
        assertThat(command.environment()).containsEntry("A", "image")
                .containsEntry("PATH", ContainerCommand.DEFAULT_PATH);
    }

    @Test
    void commandReplacesCmdOnly() {
        ContainerCommand command = ContainerCommand.of(CONFIG, ContainerDefinition.builder().name("app")
                .command("migrate").build(), Map.of());
        assertThat(command.argv()).containsExactly("/entry", "migrate");
    }

    @Test
    void entryPointReplacesEntrypointAndDropsCmd() {
        ContainerCommand command = ContainerCommand.of(CONFIG, ContainerDefinition.builder().name("app")
                .entryPoint("/bin/sh", "-c").build(), Map.of());
        assertThat(command.argv()).containsExactly("/bin/sh", "-c");

        ContainerCommand both = ContainerCommand.of(CONFIG, ContainerDefinition.builder().name("app")
                .entryPoint("/bin/sh", "-c").command("echo hi").build(), Map.of());
        assertThat(both.argv()).containsExactly("/bin/sh", "-c", "echo hi");
    }

    @Test
    void environmentThenSecretsOverrideTheImage() {
        ContainerCommand command = ContainerCommand.of(CONFIG, ContainerDefinition.builder().name("app")
                .environment(KeyValuePair.builder().name("B").value("task").build(),
                        KeyValuePair.builder().name("C").value("task").build())
                .workingDirectory("/work").build(), Map.of("C", "secret"));
        assertThat(command.environment()).containsEntry("A", "image").containsEntry("B", "task")
                .containsEntry("C", "secret");
        assertThat(command.workingDirectory()).isEqualTo("/work");
    }

    @Test
    void healthChecksTakeEcsDefaults() {
        HealthCheckSpec shell = HealthCheckSpec.of(HealthCheck.builder()
                .command("CMD-SHELL", "curl -f http://localhost/ || exit 1").build()).orElseThrow();
        assertThat(shell.argv()).containsExactly("/bin/sh", "-c", "curl -f http://localhost/ || exit 1");
        assertThat(shell.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(shell.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(shell.retries()).isEqualTo(3);
        assertThat(shell.startPeriod()).isZero();

        HealthCheckSpec exec = HealthCheckSpec.of(HealthCheck.builder().command("CMD", "/probe", "--ready")
                .interval(5).retries(1).startPeriod(10).build()).orElseThrow();
        assertThat(exec.argv()).isEqualTo(List.of("/probe", "--ready"));
        assertThat(exec.startPeriod()).isEqualTo(Duration.ofSeconds(10));

        assertThat(HealthCheckSpec.of(HealthCheck.builder().command("NONE").build())).isEmpty();
        assertThat(HealthCheckSpec.of(null)).isEmpty();
    }
}
