package dev.ecsapp.operator.controller;

import static dev.ecsapp.operator.controller.OperatorOnSandbox.webApp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator in-process against the whole sandbox (its Kubernetes API and its AWS), reconciling until stable:
 * create to Ready, an image bump to one new revision, delete leaving nothing behind. Simulated time runs 60 times
 * faster than real time, so a rollout with health checks and deregistration delays takes seconds.
 */
class ReconcileOnSandboxTest {

    @RegisterExtension
    static final OperatorOnSandbox SANDBOX = new OperatorOnSandbox();

    private static EcsApp app(String name, String image) {
        return webApp(name, image, "replicas: 2");
    }

    private static EcsApp get(String name) {
        return SANDBOX.get(name);
    }

    private static boolean ready(String name) {
        return SANDBOX.ready(name);
    }

    private static long calls(String service, String action) {
        return SANDBOX.calls(service, action);
    }

    @Test
    void anAppGoesFromCreatedToReadyWithEverythingMadeInAws() {
        long createdBefore = calls("ecs", "CreateService");
        long registeredBefore = calls("ecs", "RegisterTaskDefinition");
        SANDBOX.create(app("hello", "nginx:1.27"));

        await().atMost(Duration.ofSeconds(90)).until(() -> ready("hello"));

        EcsApp app = get("hello");
        assertThat(app.getStatus().runningCount()).isEqualTo(2);
        assertThat(app.getStatus().resources().serviceArn())
                .isEqualTo("arn:aws:ecs:us-east-1:123456789012:service/sandbox/default_hello");
        assertThat(app.getStatus().resources().targetGroupArn()).contains(":targetgroup/");
        assertThat(app.getStatus().resources().listenerRuleArn()).contains(":listener-rule/");
        assertThat(app.getStatus().observedGeneration()).isEqualTo(app.getMetadata().getGeneration());
        assertThat(app.getMetadata().getFinalizers()).isNotEmpty();
        JsonNode state = SANDBOX.state();
        assertThat(state.path("ecs").path("services").findValuesAsText("serviceName")).contains("default_hello");
        assertThat(calls("ecs", "CreateService") - createdBefore).isEqualTo(1);
        assertThat(calls("ecs", "RegisterTaskDefinition") - registeredBefore).isEqualTo(1);
    }

    @Test
    void anImageBumpRegistersOneRevisionAndRollsItOut() {
        SANDBOX.create(app("bump", "nginx:1.27"));
        await().atMost(Duration.ofSeconds(90)).until(() -> ready("bump"));
        long registeredBefore = calls("ecs", "RegisterTaskDefinition");

        SANDBOX.setImage("bump", "nginx:1.28");

        await().atMost(Duration.ofSeconds(120)).until(() -> ready("bump")
                && "nginx:1.28".equals(get("bump").getStatus().image())
                && get("bump").getStatus().resources().taskDefinitionArn().endsWith(":2"));
        assertThat(calls("ecs", "RegisterTaskDefinition") - registeredBefore).isEqualTo(1);
    }

    @Test
    void deletingAnAppLeavesNothingBehindInAws() {
        SANDBOX.create(app("gone", "nginx:1.27"));
        await().atMost(Duration.ofSeconds(90)).until(() -> ready("gone"));
        JsonNode before = SANDBOX.state();
        assertThat(before.path("logs").findValuesAsText("logGroupName")).contains("/ecs/default/gone");
        assertThat(before.path("elasticloadbalancing").findValuesAsText("TargetGroupName"))
                .anyMatch(name -> name.startsWith("gone-default"));
        assertThat(before.path("elasticloadbalancing").toString()).contains("/gone/*");

        SANDBOX.kubernetes().resources(EcsApp.class).inNamespace(OperatorOnSandbox.NAMESPACE).withName("gone")
                .delete();

        await().atMost(Duration.ofSeconds(120)).until(() -> get("gone") == null);
        JsonNode state = SANDBOX.state();
        assertThat(state.path("ecs").path("services")).allSatisfy(service -> {
            if (service.path("serviceName").asText().equals("default_gone")) {
                assertThat(service.path("status").asText()).isEqualTo("INACTIVE");
            }
        });
        assertThat(state.path("ecs").path("taskDefinitions")).noneSatisfy(td ->
                assertThat(td.path("family").asText() + td.path("status").asText()).isEqualTo("default_goneACTIVE"));
        assertThat(state.path("logs").findValuesAsText("logGroupName")).doesNotContain("/ecs/default/gone");
        assertThat(state.path("elasticloadbalancing").findValuesAsText("TargetGroupName"))
                .noneMatch(name -> name.startsWith("gone-default"));
        assertThat(state.path("elasticloadbalancing").toString()).doesNotContain("/gone/*");
    }
}
