package dev.ecsapp.operator.controller;

import static dev.ecsapp.operator.controller.OperatorOnSandbox.webApp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsapp.operator.api.v1alpha1.Condition;
import dev.ecsapp.operator.api.v1alpha1.Conditions;
import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An image that cannot be pulled: ECS's circuit breaker stops the rollout and rolls back to the revision that
 * worked, and the app says so (Degraded, naming the failed revision) instead of waiting for ever.
 */
class FailingImageRollsBackTest {

    @RegisterExtension
    static final OperatorOnSandbox SANDBOX = new OperatorOnSandbox();

    @Test
    void anImageNeverPushedEndsDegradedWithTheRollbackNamed() {
        String repository = SANDBOX.aws().ecr().createRepository(r -> r.repositoryName("shop/web")).repository()
                .repositoryUri();
        SANDBOX.aws().ecr().putImage(r -> r.repositoryName("shop/web").imageTag("1.0.0").imageManifest(
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"layers\":[]}"));
        SANDBOX.create(webApp("shop", repository + ":1.0.0", "replicas: 2"));
        await().atMost(Duration.ofSeconds(90)).until(() -> SANDBOX.ready("shop"));
        String goodRevision = Convergence.revision(SANDBOX.get("shop").getStatus().resources().taskDefinitionArn());

        String bad = repository + ":9.9.9-never-pushed";
        SANDBOX.setImage("shop", bad);

        AtomicBoolean readyOnBadImage = new AtomicBoolean();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
            EcsApp app = SANDBOX.get("shop");
            if (SANDBOX.ready("shop") && app.getMetadata().getGeneration().equals(app.getStatus().observedGeneration())
                    && bad.equals(app.getStatus().image())) {
                readyOnBadImage.set(true);
            }
            // The end: rolled back, not still rolling back.
            return SANDBOX.condition("shop", Conditions.DEGRADED).filter(c -> "True".equals(c.status()))
                    .filter(c -> c.message().contains("rolled back to")).isPresent();
        });

        Condition degraded = SANDBOX.condition("shop", Conditions.DEGRADED).orElseThrow();
        assertThat(readyOnBadImage).as("Ready=True on the image that cannot be pulled").isFalse();
        assertThat(degraded.reason()).isEqualTo(Conditions.REASON_CIRCUIT_BREAKER_ROLLED_BACK);
        assertThat(degraded.message()).contains("default_shop:2").contains(goodRevision);
        assertThat(SANDBOX.isTrue("shop", Conditions.READY)).isFalse();
        // The operator does not deploy the stopped revision again (with rollback on, that would loop for ever).
        SANDBOX.clearCalls();
        await().during(OperatorOnSandbox.POLL_WHEN_READY.multipliedBy(3)).atMost(Duration.ofSeconds(20))
                .until(() -> SANDBOX.service("shop").orElseThrow().path("taskDefinition").asText()
                        .endsWith("/" + goodRevision)
                        && SANDBOX.isTrue("shop", Conditions.DEGRADED));
        assertThat(SANDBOX.calls("ecs", "UpdateService")).isZero();
        assertThat(SANDBOX.calls("ecs", "RegisterTaskDefinition")).isZero();
        assertThat(SANDBOX.kubernetes().v1().events().inNamespace(OperatorOnSandbox.NAMESPACE).list().getItems())
                .filteredOn(event -> "shop".equals(event.getInvolvedObject().getName()))
                .extracting(Event::getReason).contains("RolledBack");
    }

    @Test
    void aSpecFixedAfterTheRollbackRollsOutItsNewRevisionAndIsReady() {
        String repository = SANDBOX.aws().ecr().createRepository(r -> r.repositoryName("shop/api")).repository()
                .repositoryUri();
        push("shop/api", "1.0.0");
        SANDBOX.create(webApp("api", repository + ":1.0.0", "replicas: 2"));
        await().atMost(Duration.ofSeconds(90)).until(() -> SANDBOX.ready("api"));
        SANDBOX.setImage("api", repository + ":1.0.1");
        await().atMost(Duration.ofSeconds(120)).until(() -> SANDBOX.condition("api", Conditions.DEGRADED)
                .filter(c -> "True".equals(c.status()) && c.message().contains("rolled back to")).isPresent());

        push("shop/api", "1.0.2");
        SANDBOX.setImage("api", repository + ":1.0.2");

        await().atMost(Duration.ofSeconds(120)).until(() -> SANDBOX.ready("api")
                && (repository + ":1.0.2").equals(SANDBOX.get("api").getStatus().image()));
        assertThat(SANDBOX.isTrue("api", Conditions.DEGRADED)).isFalse();
        assertThat(SANDBOX.get("api").getStatus().resources().taskDefinitionArn()).endsWith("/default_api:3");
        assertThat(SANDBOX.service("api").orElseThrow().path("taskDefinition").asText()).endsWith("/default_api:3");
    }

    private static void push(String repository, String tag) {
        SANDBOX.aws().ecr().putImage(r -> r.repositoryName(repository).imageTag(tag).imageManifest(
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"layers\":[],"
                        + "\"annotations\":{\"tag\":\"" + tag + "\"}}"));
    }
}
