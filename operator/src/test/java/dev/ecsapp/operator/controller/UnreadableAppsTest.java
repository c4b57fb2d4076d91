package dev.ecsapp.operator.controller;

import static dev.ecsapp.operator.controller.OperatorOnSandbox.NAMESPACE;
import static dev.ecsapp.operator.controller.OperatorOnSandbox.webApp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsapp.operator.api.v1alpha1.Condition;
import dev.ecsapp.operator.api.v1alpha1.Conditions;
import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * EcsApps the Java model cannot read (a wrong type, an enum value it does not know, an unknown field), stored as the
 * sandbox's API server takes them since it does not validate against the schema, next to valid apps: each is
 * reported and skipped, the valid apps are reconciled, and the operator keeps running, also after a restart.
 */
class UnreadableAppsTest {

    /** A spec the model cannot read, the field path the report must name and what it must say about it. */
    record Unreadable(String name, String spec, String field, String says) {
    }

    static final List<Unreadable> UNREADABLE = List.of(
            new Unreadable("port-word", "{image: 'shop:1', containerPort: http}", "spec.containerPort",
                    "expected an integer, got \"http\""),
            new Unreadable("image-list", "{image: ['shop:1']}", "spec.image", "expected a string, got a list"),
            new Unreadable("env-map", "{image: 'shop:1', env: {A: '1'}}", "spec.env",
                    "expected a list, got an object"),
            new Unreadable("policy-sometimes", "{image: 'shop:1', deletionPolicy: Sometimes}", "spec.deletionPolicy",
                    "expected one of Delete, Retain, got \"Sometimes\""),
            new Unreadable("provider-x", "{image: 'shop:1', capacityProviders: [{provider: FARGATE_X}]}",
                    "spec.capacityProviders[0].provider", "expected one of FARGATE, FARGATE_SPOT, got \"FARGATE_X\""),
            new Unreadable("unknown-field", "{image: 'shop:1', loadBalancer: {pathPatterns: [/a], hostz: "
                    + "[a.example.com]}}", "spec.loadBalancer.hostz", "unknown field"),
            new Unreadable("spec-text", "just an image", "spec", "expected an object, got \"just an image\""));

    @RegisterExtension
    static final OperatorOnSandbox SANDBOX = new OperatorOnSandbox().withOpenSpecSchema();

    private static final Logger RECONCILER_LOG = Logger.getLogger(EcsAppReconciler.class.getName());
    private static final List<String> LOGGED = new CopyOnWriteArrayList<>();
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            LOGGED.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void captureLog() {
        RECONCILER_LOG.addHandler(CAPTURE);
    }

    @AfterAll
    static void releaseLog() {
        RECONCILER_LOG.removeHandler(CAPTURE);
    }

    @Test
    void unreadableAppsAreReportedAndSkippedWhileTheOperatorKeepsReconcilingTheOthers() {
        SANDBOX.clearCalls();

        UNREADABLE.forEach(unreadable -> SANDBOX.createRaw(unreadable.name(), unreadable.spec()));
        SANDBOX.create(webApp("readable", "nginx:1.27", "replicas: 1"));

        await().atMost(Duration.ofSeconds(90)).until(() -> SANDBOX.ready("readable")
                && UNREADABLE.stream().allMatch(unreadable -> SANDBOX.isTrue(unreadable.name(), Conditions.DEGRADED)));
        UNREADABLE.forEach(UnreadableAppsTest::assertReported);
        assertThat(SANDBOX.operatorReady()).isTrue();

        // A newer operator may have written status fields this one does not know; they must not stop it either.
        patchStatus("readable", "{\"status\":{\"rolloutPlan\":{\"step\":2},\"conditions\":[{\"type\":\"Ready\","
                + "\"status\":\"True\",\"reason\":\"Available\",\"severity\":\"Info\"}]}}");
        SANDBOX.create(webApp("after-status", "nginx:1.27", "replicas: 1"));
        await().atMost(Duration.ofSeconds(90)).until(() -> SANDBOX.ready("after-status"));
        assertThat(SANDBOX.operatorReady()).isTrue();

        SANDBOX.stopOperator();
        SANDBOX.startOperator();
        await().atMost(Duration.ofSeconds(30)).until(SANDBOX::operatorReady);
        SANDBOX.create(webApp("after-restart", "nginx:1.27", "replicas: 1"));
        await().atMost(Duration.ofSeconds(90)).until(() -> SANDBOX.ready("after-restart"));
        assertThat(SANDBOX.operatorReady()).isTrue();
        UNREADABLE.forEach(UnreadableAppsTest::assertReported);

        assertThat(SANDBOX.calls("ecs", "CreateService")).isEqualTo(3);
        assertThat(SANDBOX.state().path("ecs").path("taskDefinitions").findValuesAsText("family"))
                .containsExactlyInAnyOrder("default_readable", "default_after-status", "default_after-restart");
    }

    @Test
    void anUnreadableAppCanBeDeleted() {
        SANDBOX.createRaw("deleted-unreadable", "{image: 'shop:1', containerPort: [80]}");
        await().atMost(Duration.ofSeconds(60)).until(() -> SANDBOX.isTrue("deleted-unreadable", Conditions.DEGRADED));

        ecsApps().withName("deleted-unreadable").delete();

        await().atMost(Duration.ofSeconds(60)).until(() -> ecsApps().withName("deleted-unreadable").get() == null);
        assertThat(SANDBOX.operatorReady()).isTrue();
    }

    private static void assertReported(Unreadable unreadable) {
        Condition degraded = SANDBOX.condition(unreadable.name(), Conditions.DEGRADED).orElseThrow();
        assertThat(degraded.reason()).as(unreadable.name()).isEqualTo(Conditions.REASON_INVALID_SPEC);
        assertThat(degraded.message()).as(unreadable.name())
                .contains(unreadable.field() + ": " + unreadable.says());
        assertThat(SANDBOX.ready(unreadable.name())).as(unreadable.name()).isFalse();
        assertThat(SANDBOX.condition(unreadable.name(), Conditions.READY).orElseThrow().reason())
                .isEqualTo(Conditions.REASON_INVALID_SPEC);
        assertThat(SANDBOX.kubernetes().v1().events().inNamespace(NAMESPACE).list().getItems())
                .as("an InvalidSpec event for " + unreadable.name())
                .anySatisfy((Event event) -> {
                    assertThat(event.getInvolvedObject().getName()).isEqualTo(unreadable.name());
                    assertThat(event.getReason()).isEqualTo("InvalidSpec");
                    assertThat(event.getMessage()).contains(unreadable.field());
                });
        assertThat(LOGGED).as("a log line naming " + unreadable.name())
                .anyMatch(line -> line.contains(NAMESPACE + "/" + unreadable.name())
                        && line.contains(unreadable.field()));
    }

    private static void patchStatus(String name, String mergePatch) {
        ecsApps().withName(name).subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch);
    }

    private static io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<GenericKubernetesResource,
            io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
            io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> ecsApps() {
        return SANDBOX.kubernetes().genericKubernetesResources(EcsApp.GROUP + "/" + EcsApp.VERSION, "EcsApp")
                .inNamespace(NAMESPACE);
    }
}
