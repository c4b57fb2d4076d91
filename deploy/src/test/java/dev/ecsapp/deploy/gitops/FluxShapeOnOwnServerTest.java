package dev.ecsapp.deploy.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsapp.operator.controller.OperatorOnSandbox;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The examples applied as Flux's kustomize-controller applies them (server-side apply, field manager
 * kustomize-controller, force), while the operator runs on the own API server with server-side apply on: once the
 * apps are Ready, applying them again changes nothing and nothing drifts.
 */
class FluxShapeOnOwnServerTest {

    static final String MANAGER = "kustomize-controller";

    @RegisterExtension
    static final OperatorOnSandbox SANDBOX = OperatorOnSandbox.onOwnApiServer();

    @BeforeAll
    static void pushImage() {
        GitOpsShapes.pushTheExamplesImage(SANDBOX);
    }

    @Test
    void examplesAppliedServerSideByKustomizeControllerShowNoDriftOnceReady() throws InterruptedException {
        List<Path> examples = GitOpsShapes.examples();
        assertThat(examples).hasSizeGreaterThanOrEqualTo(4);
        examples.forEach(FluxShapeOnOwnServerTest::apply);
        GitOpsShapes.awaitReady(SANDBOX, examples);
        GitOpsShapes.assertNoDrift(SANDBOX, examples, MANAGER);

        Map<String, Long> generations = new HashMap<>();
        for (Path example : examples) {
            String name = GitOpsShapes.name(example);
            generations.put(name, GitOpsShapes.live(SANDBOX, name).at("/metadata/generation").asLong());
            JsonNode answer = apply(example);
            assertThat(answer.at("/metadata/generation").asLong()).as(name + ": generation after the re-apply")
                    .isEqualTo(generations.get(name));
        }
        // A full reconcile of each Ready app after the re-apply, and its status patches: still no drift.
        GitOpsShapes.staySteadyThroughAFullResync(SANDBOX, examples, generations);
        GitOpsShapes.assertNoDrift(SANDBOX, examples, MANAGER);
    }

    /** {@code kubectl apply --server-side --field-manager=kustomize-controller --force-conflicts}, as Flux does. */
    private static JsonNode apply(Path example) {
        GenericKubernetesResource manifest = Serialization.unmarshal(GitOpsShapes.manifest(example).toString(),
                GenericKubernetesResource.class);
        return Serialization.jsonMapper().valueToTree(SANDBOX.kubernetes().resource(manifest).fieldManager(MANAGER)
                .forceConflicts().serverSideApply());
    }
}
