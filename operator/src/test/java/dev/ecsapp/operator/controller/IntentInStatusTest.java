package dev.ecsapp.operator.controller;

import static dev.ecsapp.operator.controller.OperatorOnSandbox.webApp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import dev.ecsapp.operator.api.v1alpha1.Intent;
import dev.ecsapp.operator.desired.SpecHash;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Before a mutating step the operator writes it into status.intent: a step that keeps failing (or an operator that
 * dies in between) leaves it there for a person and the next operator to see, and it goes once the step is taken.
 */
class IntentInStatusTest {

    @RegisterExtension
    static final OperatorOnSandbox SANDBOX = new OperatorOnSandbox();

    @Test
    void aStepThatFailedStaysInTheStatusAsIntentUntilARestartedOperatorTakesIt() {
        SANDBOX.control("POST", "faults", """
                {"service":"ecs","action":"CreateService","errorCode":"ServerException","status":500,
                 "message":"injected","rate":1.0}""");
        try {
            SANDBOX.create(webApp("announced", "nginx:1.27", "replicas: 1"));

            // Earlier steps (log group, target group, rule, task definition) are announced and taken on the way.
            await().atMost(Duration.ofSeconds(30)).until(() -> intent("announced") != null
                    && intent("announced").action().equals("CreateService")
                    && SANDBOX.condition("announced", "Ready").isPresent());
            Intent intent = intent("announced");
            assertThat(intent.generation()).isEqualTo(1L);
            assertThat(intent.specHash()).isEqualTo(SpecHash.of(SANDBOX.get("announced").getSpec(),
                    SANDBOX.defaults()));
            assertThat(SANDBOX.service("announced")).isEmpty();
            SANDBOX.stopOperator();
        } finally {
            SANDBOX.control("DELETE", "faults", "");
        }
        SANDBOX.startOperator();

        await().atMost(Duration.ofSeconds(90)).until(() -> SANDBOX.ready("announced"));
        assertThat(intent("announced")).as("cleared once the step was taken").isNull();
        assertThat(SANDBOX.state().path("ecs").path("services").findValuesAsText("serviceName"))
                .containsOnlyOnce("default_announced");
    }

    private static Intent intent(String app) {
        EcsApp found = SANDBOX.get(app);
        return found == null || found.getStatus() == null ? null : found.getStatus().intent();
    }

}
