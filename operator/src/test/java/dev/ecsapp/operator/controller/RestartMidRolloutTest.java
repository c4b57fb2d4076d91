package dev.ecsapp.operator.controller;

import static dev.ecsapp.operator.controller.OperatorOnSandbox.webApp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator stops while a rollout is under way (a new version of it is deployed, its pod is evicted) and another
 * instance takes over: it finds everything the first one made and finishes the job without making anything twice.
 */
class RestartMidRolloutTest {

    @RegisterExtension
    static final OperatorOnSandbox SANDBOX = new OperatorOnSandbox();

    @Test
    void aNewOperatorTakesOverAnUnfinishedRolloutWithoutDuplicatingAnything() {
        // Slower simulated time, so the rollout is surely still under way when the operator stops.
        SANDBOX.control("POST", "time", "{\"speed\":5}");
        SANDBOX.clearCalls();
        SANDBOX.create(webApp("restarted", "nginx:1.27", "replicas: 2"));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> SANDBOX
                .service("restarted").map(service -> service.path("deployments").path(0).path("rolloutState")
                        .asText()).filter("IN_PROGRESS"::equals).isPresent());

        SANDBOX.stopOperator();
        assertThat(SANDBOX.ready("restarted")).isFalse();
        SANDBOX.startOperator();
        SANDBOX.control("POST", "time", "{\"speed\":60}");

        await().atMost(Duration.ofSeconds(90)).until(() -> SANDBOX.ready("restarted"));
        JsonNode state = SANDBOX.state();
        assertThat(state.path("ecs").path("services").findValuesAsText("serviceName"))
                .containsOnlyOnce("default_restarted");
        assertThat(state.path("ecs").path("taskDefinitions").findValuesAsText("family"))
                .containsExactly("default_restarted");
        assertThat(state.path("elasticloadbalancing").path("targetGroups").findValuesAsText("TargetGroupName"))
                .filteredOn(name -> name.startsWith("restarted-default")).hasSize(1);
        assertThat(rulesFor("/restarted/*", state)).hasSize(1);
        assertThat(SANDBOX.calls("ecs", "CreateService")).isEqualTo(1);
        assertThat(SANDBOX.calls("ecs", "RegisterTaskDefinition")).isEqualTo(1);
        assertThat(SANDBOX.calls("elasticloadbalancing", "CreateTargetGroup")).isEqualTo(1);
        assertThat(SANDBOX.calls("elasticloadbalancing", "CreateRule")).isEqualTo(1);
    }

    private static List<JsonNode> rulesFor(String pathPattern, JsonNode state) {
        List<JsonNode> rules = new ArrayList<>();
        for (JsonNode listener : state.path("elasticloadbalancing").path("listeners")) {
            for (JsonNode rule : listener.path("Rules")) {
                if (rule.toString().contains(pathPattern)) {
                    rules.add(rule);
                }
            }
        }
        return rules;
    }
}
