package dev.ecsapp.operator.controller;

import static dev.ecsapp.operator.controller.OperatorOnSandbox.app;
import static dev.ecsapp.operator.controller.OperatorOnSandbox.webApp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsapp.operator.api.v1alpha1.Condition;
import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deleting an app that was never valid, or is half made, removes what it owns and lets the object go; a deletion
 * AWS refuses says so in the status and an Event, and goes through once the cause is gone.
 */
class DeletionTest {

    @RegisterExtension
    static final OperatorOnSandbox SANDBOX = new OperatorOnSandbox().withOpenSpecSchema();

    @Test
    void anAppThatWasNeverValidIsDeletedAtOnce() {
        SANDBOX.create(app("never-valid", "{image: 'shop:1', cpu: 'two cores'}"));
        await().atMost(Duration.ofSeconds(30)).until(() -> SANDBOX.isTrue("never-valid", "Degraded")
                && SANDBOX.get("never-valid").getMetadata().getFinalizers().size() == 1);

        delete("never-valid");

        await().atMost(Duration.ofSeconds(30)).until(() -> SANDBOX.get("never-valid") == null);
    }

    @Test
    void aHalfMadeAppIsDeletedWithEverythingItMade() {
        SANDBOX.control("POST", "faults", """
                {"service":"ecs","action":"CreateService","errorCode":"InvalidParameterException","status":400,
                 "message":"injected refusal","rate":1.0}""");
        try {
            SANDBOX.create(webApp("half", "nginx:1.27", "replicas: 1"));
            await().atMost(Duration.ofSeconds(30)).until(() -> SANDBOX.isTrue("half", "Degraded"));
            assertThat(SANDBOX.state().path("logs").findValuesAsText("logGroupName")).contains("/ecs/default/half");

            delete("half");

            await().atMost(Duration.ofSeconds(60)).until(() -> SANDBOX.get("half") == null);
        } finally {
            SANDBOX.control("DELETE", "faults", "");
        }
        JsonNode state = SANDBOX.state();
        assertThat(state.path("logs").findValuesAsText("logGroupName")).doesNotContain("/ecs/default/half");
        assertThat(state.path("elasticloadbalancing").findValuesAsText("TargetGroupName"))
                .noneMatch(name -> name.startsWith("half-default"));
        assertThat(state.path("elasticloadbalancing").toString()).doesNotContain("/half/*");
        assertThat(state.path("ecs").path("taskDefinitions")).noneSatisfy(td ->
                assertThat(td.path("family").asText() + td.path("status").asText()).isEqualTo("default_halfACTIVE"));
    }

    @Test
    void aDeletionAwsRefusesIsShownAsBlockedAndFinishesOnceAllowed() {
        SANDBOX.create(webApp("blocked", "nginx:1.27", "replicas: 1"));
        await().atMost(Duration.ofSeconds(60)).until(() -> SANDBOX.ready("blocked"));
        SANDBOX.control("POST", "faults", """
                {"service":"logs","action":"DeleteLogGroup","errorCode":"AccessDeniedException","status":400,
                 "message":"not authorized to perform logs:DeleteLogGroup","rate":1.0}""");
        try {
            delete("blocked");

            await().atMost(Duration.ofSeconds(60)).until(() -> SANDBOX.condition("blocked", "Degraded")
                    .map(Condition::reason).filter("DeletionBlocked"::equals).isPresent());
            Condition degraded = SANDBOX.condition("blocked", "Degraded").orElseThrow();
            assertThat(degraded.message()).contains("AccessDeniedException", "logs:DeleteLogGroup");
            assertThat(SANDBOX.isTrue("blocked", "Stalled")).isTrue();
            List<Event> events = SANDBOX.kubernetes().v1().events().inNamespace(OperatorOnSandbox.NAMESPACE).list()
                    .getItems();
            assertThat(events).anySatisfy(event -> {
                assertThat(event.getInvolvedObject().getName()).isEqualTo("blocked");
                assertThat(event.getReason()).isEqualTo("DeletionBlocked");
                assertThat(event.getType()).isEqualTo("Warning");
            });
        } finally {
            SANDBOX.control("DELETE", "faults", "");
        }
        // Terminal refusals are looked at again after the Ready poll (2 s in these tests), not every few milliseconds.
        await().atMost(Duration.ofSeconds(60)).until(() -> SANDBOX.get("blocked") == null);
        assertThat(SANDBOX.state().path("logs").findValuesAsText("logGroupName")).doesNotContain("/ecs/default/blocked");
    }

    @Test
    void anAppWhoseSpecBecameUnreadableIsStillDeletedWithWhatItMade() {
        SANDBOX.create(webApp("unreadable-later", "nginx:1.27", "replicas: 1"));
        await().atMost(Duration.ofSeconds(60)).until(() -> SANDBOX.ready("unreadable-later"));
        // As a CRD newer than the operator could leave it: a field of a type the operator's model does not read.
        SANDBOX.kubernetes().genericKubernetesResources(EcsApp.GROUP + "/" + EcsApp.VERSION, "EcsApp")
                .inNamespace(OperatorOnSandbox.NAMESPACE).withName("unreadable-later")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"containerPort\":\"http\"}}");
        await().atMost(Duration.ofSeconds(30)).until(() -> SANDBOX.condition("unreadable-later", "Degraded")
                .map(Condition::reason).filter("InvalidSpec"::equals).isPresent());

        delete("unreadable-later");

        await().atMost(Duration.ofSeconds(60)).until(() -> SANDBOX.get("unreadable-later") == null);
        JsonNode state = SANDBOX.state();
        assertThat(state.path("logs").findValuesAsText("logGroupName")).doesNotContain("/ecs/default/unreadable-later");
        assertThat(state.path("elasticloadbalancing").findValuesAsText("TargetGroupName"))
                .noneMatch(name -> name.startsWith("unreadable-later-default"));
        assertThat(SANDBOX.service("unreadable-later")).isEmpty();
    }

    private static void delete(String name) {
        SANDBOX.kubernetes().resources(EcsApp.class).inNamespace(OperatorOnSandbox.NAMESPACE).withName(name)
                .delete();
    }
}
