package dev.ecsapp.deploy.argocd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsapp.operator.api.v1alpha1.Conditions;
import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import dev.ecsapp.operator.controller.OperatorOnSandbox;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The health check on statuses the real operator wrote on the sandbox, each read back from the API server as raw JSON
 * (not through the EcsApp model), the way Argo CD reads a live object.
 */
class ArgoCdHealthOnSandboxTest {

    @RegisterExtension
    static final OperatorOnSandbox SANDBOX = new OperatorOnSandbox();

    private static final Duration STEP = Duration.ofSeconds(120);

    @Test
    void anAppTheOperatorHasNotReportedOnYetIsProgressing() {
        // The API server's answer to the create: what Argo CD sees right after it applied the manifest.
        JsonNode created = json(ecsApps().resource(generic("fresh", "image: nginx:1.27\nreplicas: 1")).create());

        assertThat(created.path("status").path("conditions").size()).isZero();
        assertThat(ArgoCdHealth.of(created).status()).isEqualTo("Progressing");
    }

    @Test
    void aReadyAppIsHealthy() {
        SANDBOX.create(OperatorOnSandbox.webApp("steady", "nginx:1.27", "replicas: 2"));
        await().atMost(STEP).until(() -> readyAtCurrentGeneration("steady"));

        ArgoCdHealth.Health health = ArgoCdHealth.of(live("steady"));

        assertThat(health.status()).isEqualTo("Healthy");
        assertThat(health.message()).startsWith(Conditions.REASON_AVAILABLE + ": ");
    }

    @Test
    void anAppWhoseSpecChangedIsProgressingFromTheEditUntilTheNewRolloutEnds() {
        SANDBOX.create(OperatorOnSandbox.webApp("rolling", "nginx:1.27", "replicas: 2"));
        await().atMost(STEP).until(() -> readyAtCurrentGeneration("rolling"));
        // Slow the sandbox's clock to real time, so that the new tasks take seconds to start and the rollout is
        // still under way when its status is read.
        SANDBOX.control("POST", "time", "{\"speed\":1}");
        try {
            GenericKubernetesResource edited = ecsApps().withName("rolling").get();
            spec(edited).put("image", "nginx:1.28");
            JsonNode justEdited = json(ecsApps().resource(edited).update());

            // The API server's answer to the edit: a new generation with the status of the old one, Ready=True.
            assertThat(justEdited.at("/status/observedGeneration").asLong())
                    .isLessThan(justEdited.at("/metadata/generation").asLong());
            assertThat(justEdited.at("/status/conditions").toString()).contains("\"Ready\"").contains("\"True\"");
            assertThat(ArgoCdHealth.of(justEdited).status()).isEqualTo("Progressing");

            await().atMost(STEP).until(() -> atCurrentGeneration("rolling")
                    && SANDBOX.isTrue("rolling", Conditions.PROGRESSING));
            JsonNode rollingOut = live("rolling");
            ArgoCdHealth.Health health = ArgoCdHealth.of(rollingOut);

            assertThat(rollingOut.at("/status/observedGeneration").asLong())
                    .isEqualTo(rollingOut.at("/metadata/generation").asLong());
            assertThat(condition(rollingOut, Conditions.PROGRESSING).path("status").asText()).isEqualTo("True");
            assertThat(health.status()).isEqualTo("Progressing");
            assertThat(health.message()).startsWith(condition(rollingOut, Conditions.PROGRESSING).path("reason")
                    .asText() + ": ");
        } finally {
            SANDBOX.control("POST", "time", "{\"speed\":60}");
        }
    }

    @Test
    void anImageThatCannotBePulledIsDegradedOnceTheCircuitBreakerRolledBack() {
        String repository = SANDBOX.aws().ecr().createRepository(r -> r.repositoryName("argo/web")).repository()
                .repositoryUri();
        SANDBOX.aws().ecr().putImage(r -> r.repositoryName("argo/web").imageTag("1.0.0").imageManifest(
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"layers\":[]}"));
        SANDBOX.create(OperatorOnSandbox.webApp("broken", repository + ":1.0.0", "replicas: 2"));
        await().atMost(STEP).until(() -> readyAtCurrentGeneration("broken"));

        SANDBOX.setImage("broken", repository + ":9.9.9-never-pushed");
        await().atMost(STEP).until(() -> SANDBOX.condition("broken", Conditions.DEGRADED)
                .filter(c -> Conditions.TRUE.equals(c.status()) && c.message().contains("rolled back to"))
                .isPresent());
        ArgoCdHealth.Health health = ArgoCdHealth.of(live("broken"));

        assertThat(health.status()).isEqualTo("Degraded");
        assertThat(health.message()).startsWith(Conditions.REASON_CIRCUIT_BREAKER_ROLLED_BACK + ": ")
                .contains("rolled back to");
    }

    @Test
    void aSpecTheOperatorRefusesIsDegradedNamingTheField() {
        SANDBOX.create(OperatorOnSandbox.app("refused", "{image: 'nginx:1.27', cpu: 256, memory: 4096}"));
        await().atMost(STEP).until(() -> SANDBOX.isTrue("refused", Conditions.DEGRADED));
        ArgoCdHealth.Health health = ArgoCdHealth.of(live("refused"));

        assertThat(health.status()).isEqualTo("Degraded");
        assertThat(health.message()).startsWith(Conditions.REASON_INVALID_SPEC + ": ").contains("spec.memory");
    }

    private static NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> ecsApps() {
        return SANDBOX.kubernetes().genericKubernetesResources(HasMetadata.getApiVersion(EcsApp.class),
                HasMetadata.getKind(EcsApp.class)).inNamespace(OperatorOnSandbox.NAMESPACE);
    }

    /** The object as the API server holds it now. */
    private static JsonNode live(String name) {
        return json(ecsApps().withName(name).get());
    }

    private static GenericKubernetesResource generic(String name, String specYaml) {
        return Serialization.unmarshal(Serialization.asJson(OperatorOnSandbox.app(name, specYaml)),
                GenericKubernetesResource.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource resource) {
        return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    }

    private static JsonNode condition(JsonNode app, String type) {
        for (JsonNode condition : app.at("/status/conditions")) {
            if (type.equals(condition.path("type").asText())) {
                return condition;
            }
        }
        throw new AssertionError("no " + type + " condition in " + app.path("status"));
    }

    private static JsonNode json(GenericKubernetesResource resource) {
        return Serialization.jsonMapper().valueToTree(resource);
    }

    private static boolean atCurrentGeneration(String name) {
        EcsApp app = SANDBOX.get(name);
        return app != null && app.getStatus() != null
                && app.getMetadata().getGeneration().equals(app.getStatus().observedGeneration());
    }

    private static boolean readyAtCurrentGeneration(String name) {
        return atCurrentGeneration(name) && SANDBOX.ready(name);
    }
}
