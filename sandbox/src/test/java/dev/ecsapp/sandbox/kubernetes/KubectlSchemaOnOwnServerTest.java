package dev.ecsapp.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** kubectl's apply validation and explain against the own server's OpenAPI v3 and the EcsApp CRD's schema. */
class KubectlSchemaOnOwnServerTest {

    private static final Path EXAMPLES = Path.of("..", "deploy", "examples");

    @RegisterExtension
    final RunningApi api = RunningApi.empty(KubernetesApi.Server.OWN);

    @TempDir
    Path dir;

    private Kubectl kubectl;

    @BeforeEach
    void applyTheCrd() {
        kubectl = new Kubectl(api.api().writeKubeconfig(dir.resolve("kubeconfig")), dir);
        Kubectl.Result crd = kubectl.run("apply", "-f", TestResources.ECSAPP_CRD.toAbsolutePath().toString());
        assertThat(crd.exitCode()).as("%s", crd).isZero();
    }

    @Test
    void applyOfEveryExampleWorksWithKubectlsDefaultValidation() {
        for (Path example : examples()) {
            Kubectl.Result result = kubectl.run("apply", "-f", example.toAbsolutePath().toString());

            assertThat(result.exitCode()).as("%s: %s", example, result).isZero();
            assertThat(result.out()).as("%s", example).contains("created");
            assertThat(result.err()).as("%s", example).doesNotContain("Warning");
        }
        Kubectl.Result again = kubectl.run("apply", "-f", EXAMPLES.toAbsolutePath().toString());
        assertThat(again.exitCode()).as("%s", again).isZero();
        // shop's capacityProviders gain their defaulted base: a merge patch replaces lists whole, so kubectl sends
        // that list again and says "configured", as against kube-apiserver.
        assertThat(again.out()).contains("ecsapp.ecsapp.dev/hello unchanged");
    }

    @Test
    void applyStoresTheSchemasDefaults() {
        kubectl.run("apply", "-f", EXAMPLES.resolve("minimal.yaml").toAbsolutePath().toString());

        Kubectl.Result result = kubectl.run("get", "ecsapps", "-o", "jsonpath={.items[0].spec.deletionPolicy} "
                + "{.items[0].spec.containerPort} {.items[0].spec.rollout.maximumPercent}");

        assertThat(result.out()).as("%s", result).isEqualTo("Delete 5000 ");
    }

    @Test
    void explainPrintsTheRolloutFieldsAndTheirDescriptions() {
        Kubectl.Result result = kubectl.run("explain", "ecsapp.spec.rollout");

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).contains("GROUP:      ecsapp.dev").contains("KIND:       EcsApp").contains("VERSION:    v1alpha1")
                .contains("FIELD: rollout <Object>")
                .contains("How ECS replaces tasks when the app changes.")
                .containsPattern("circuitBreaker\\s+<boolean>")
                .contains("Stop a rollout whose new tasks keep failing. Default true.")
                .containsPattern("maximumPercent\\s+<integer>");
    }

    @Test
    void explainOfTheKindListsSpecAndMetadata() {
        Kubectl.Result result = kubectl.run("explain", "ecsapps");

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).containsPattern("metadata\\s+<ObjectMeta>").containsPattern("spec\\s+<Object>");
    }

    @Test
    void applyOfAPortOutOfRangeIsRefusedNamingTheField() {
        Kubectl.Result result = applyApp("  image: hello:1\n  containerPort: 70000\n");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).as("%s", result).contains("The EcsApp \"hello\" is invalid")
                .contains("spec.containerPort: Invalid value: 70000: spec.containerPort in body should be less than "
                        + "or equal to 65535");
    }

    @Test
    void applyOfAnUnsupportedDeletionPolicyIsRefusedWithTheSupportedValues() {
        Kubectl.Result result = applyApp("  image: hello:1\n  deletionPolicy: Sometimes\n");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).as("%s", result).contains(
                "spec.deletionPolicy: Unsupported value: \"Sometimes\": supported values: \"Delete\", \"Retain\"");
    }

    @Test
    void applyOfReplicasWithAutoscalingIsRefusedByTheCelRule() {
        Kubectl.Result result = applyApp("  image: hello:1\n  replicas: 2\n  autoscaling:\n    minReplicas: 1\n"
                + "    maxReplicas: 3\n    targetCpuPercent: 50\n");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).as("%s", result)
                .contains("spec: Invalid value: \"object\": set either replicas or autoscaling, not both");
    }

    @Test
    void applyOfAnUnknownFieldFailsNamingIt() {
        Kubectl.Result result = applyApp("  image: hello:1\n  colour: blue\n");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).as("%s", result).contains("unknown field \"spec.colour\"");
    }

    @Test
    void applyWithValidateWarnAcceptsAnUnknownFieldWithAWarningAndPrunesIt() {
        Path file = write("  image: hello:1\n  colour: blue\n");

        Kubectl.Result result = kubectl.run("apply", "--validate=warn", "-f", file.toString());

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.err()).contains("Warning: unknown field \"spec.colour\"");
        assertThat(kubectl.run("get", "ecsapp", "hello", "-o", "jsonpath={.spec}").out()).doesNotContain("colour");
    }

    private Kubectl.Result applyApp(String spec) {
        return kubectl.run("apply", "-f", write(spec).toString());
    }

    private Path write(String spec) {
        Path file = dir.resolve("app.yaml");
        try {
            Files.writeString(file, "apiVersion: ecsapp.dev/v1alpha1\nkind: EcsApp\nmetadata:\n  name: hello\n"
                    + "  namespace: default\nspec:\n" + spec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static List<Path> examples() {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
