package dev.ecsapp.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** kubectl apply, client-side (three-way patches) and server-side (field managers), against the own server. */
class KubectlApplyOnOwnServerTest {

    private static final String CONFIG_MAP = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n"
            + "  namespace: default\ndata:\n";
    private static final String ECSAPP = "apiVersion: ecsapp.dev/v1alpha1\nkind: EcsApp\nmetadata:\n  name: hello\n"
            + "  namespace: default\nspec:\n  image: hello:1\n";
    private static final String DEPLOYMENT = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
            + "  namespace: default\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n"
            + "      labels: {app: web}\n    spec:\n      containers:\n";

    @RegisterExtension
    final RunningApi api = RunningApi.withWidgets(KubernetesApi.Server.OWN);

    @TempDir
    Path dir;

    private Kubectl kubectl;

    @BeforeEach
    void writeKubeconfig() {
        kubectl = new Kubectl(api.api().writeKubeconfig(dir.resolve("kubeconfig")), dir);
    }

    @Test
    void clientSideApplyOfAConfigMapCreatesLeavesChangesAndRemovesFields() {
        assertApplied(apply(CONFIG_MAP + "  a: \"1\"\n  b: \"2\"\n"), "configmap/settings created");
        assertApplied(apply(CONFIG_MAP + "  a: \"1\"\n  b: \"2\"\n"), "configmap/settings unchanged");
        assertApplied(apply(CONFIG_MAP + "  a: \"3\"\n  b: \"2\"\n"), "configmap/settings configured");
        assertThat(configMap().getData()).isEqualTo(Map.of("a", "3", "b", "2"));

        assertApplied(apply(CONFIG_MAP + "  a: \"3\"\n"), "configmap/settings configured");

        assertThat(configMap().getData()).isEqualTo(Map.of("a", "3"));
    }

    @Test
    void clientSideApplyOfAnEcsAppCreatesLeavesChangesAndRemovesFields() {
        kubectl.run("apply", "--validate=false", "-f", TestResources.ECSAPP_CRD.toAbsolutePath().toString());
        assertApplied(apply(ECSAPP + "  replicas: 2\n"), "ecsapp.ecsapp.dev/hello created");
        assertApplied(apply(ECSAPP + "  replicas: 2\n"), "ecsapp.ecsapp.dev/hello unchanged");
        assertApplied(apply(ECSAPP + "  replicas: 3\n"), "ecsapp.ecsapp.dev/hello configured");
        assertThat(ecsAppSpec()).containsEntry("replicas", 3);

        assertApplied(apply(ECSAPP), "ecsapp.ecsapp.dev/hello configured");

        // The field the last apply left out is gone; what the CRD's defaults fill in stays, as on a real cluster.
        assertThat(ecsAppSpec()).doesNotContainKey("replicas").containsEntry("image", "hello:1")
                .containsEntry("containerPort", 5000);
    }

    @Test
    void clientSideApplyOfADeploymentPatchesOneContainerByName() {
        String containers = "      - name: app\n        image: app:1\n        ports: [{containerPort: 80}]\n"
                + "      - name: proxy\n        image: proxy:1\n";
        assertApplied(apply(DEPLOYMENT + containers), "deployment.apps/web created");

        assertApplied(apply(DEPLOYMENT + containers.replace("app:1", "app:2")), "deployment.apps/web configured");

        var stored = deployment().getSpec().getTemplate().getSpec().getContainers();
        assertThat(stored).extracting(c -> c.getName() + "=" + c.getImage()).containsExactly("app=app:2",
                "proxy=proxy:1");
        assertThat(stored.get(0).getPorts()).hasSize(1);
    }

    @Test
    void aStrategicMergePatchMergesContainersByNameAndDeletesOneWithThePatchDirective() {
        apply(DEPLOYMENT + "      - name: app\n        image: app:1\n        env: [{name: A, value: '1'}]\n"
                + "      - name: proxy\n        image: proxy:1\n");

        Kubectl.Result result = kubectl.run("patch", "deployment", "web", "-p",
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"app:2\","
                        + "\"env\":[{\"name\":\"B\",\"value\":\"2\"}]},{\"name\":\"proxy\",\"$patch\":\"delete\"}]}}}}");

        assertThat(result.exitCode()).as("%s", result).isZero();
        var containers = deployment().getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).hasSize(1);
        assertThat(containers.get(0).getImage()).isEqualTo("app:2");
        assertThat(containers.get(0).getEnv()).extracting(e -> e.getName()).containsExactly("A", "B");
    }

    @Test
    void serverSideApplyTwiceThenAnotherManagerConflictsUntilItForces() {
        Path file = write(CONFIG_MAP + "  a: \"1\"\n");
        assertApplied(kubectl.run("apply", "--server-side", "--validate=false", "-f", file.toString()),
                "configmap/settings serverside-applied");
        assertApplied(kubectl.run("apply", "--server-side", "--validate=false", "-f", file.toString()),
                "configmap/settings serverside-applied");
        Path changed = write(CONFIG_MAP + "  a: \"2\"\n");

        Kubectl.Result conflict = kubectl.run("apply", "--server-side", "--validate=false",
                "--field-manager=flux", "-f", changed.toString());

        assertThat(conflict.exitCode()).isNotZero();
        assertThat(conflict.err()).as("%s", conflict).contains("Apply failed with 1 conflict: conflict with "
                + "\"kubectl\" using v1: .data.a");
        assertApplied(kubectl.run("apply", "--server-side", "--force-conflicts", "--validate=false",
                "--field-manager=flux", "-f", changed.toString()), "configmap/settings serverside-applied");
        assertThat(configMap().getData()).isEqualTo(Map.of("a", "2"));
        Kubectl.Result yaml = kubectl.run("get", "configmap", "settings", "-o", "yaml", "--show-managed-fields");
        assertThat(yaml.out()).contains("manager: flux").contains("operation: Apply").contains("f:a: {}")
                .doesNotContain("manager: kubectl\n");
    }

    @Test
    void serverSideApplyDryRunStoresNothing() {
        Kubectl.Result result = kubectl.run("apply", "--server-side", "--dry-run=server", "--validate=false", "-f",
                write(CONFIG_MAP + "  a: \"1\"\n").toString());

        assertThat(result.out()).as("%s", result).contains("configmap/settings serverside-applied (server dry run)");
        assertThat(api.client().configMaps().inNamespace("default").withName("settings").get()).isNull();
    }

    private Kubectl.Result apply(String yaml) {
        return kubectl.run("apply", "--validate=false", "-f", write(yaml).toString());
    }

    private static void assertApplied(Kubectl.Result result, String line) {
        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).as("%s", result).contains(line);
    }

    private Path write(String yaml) {
        try {
            return Files.writeString(Files.createTempFile(dir, "manifest", ".yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ConfigMap configMap() {
        return api.client().configMaps().inNamespace("default").withName("settings").get();
    }

    private Deployment deployment() {
        return api.client().apps().deployments().inNamespace("default").withName("web").get();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> ecsAppSpec() {
        GenericKubernetesResource app = api.client().genericKubernetesResources("ecsapp.dev/v1alpha1", "EcsApp")
                .inNamespace("default").withName("hello").get();
        return (Map<String, Object>) app.getAdditionalProperties().get("spec");
    }
}
