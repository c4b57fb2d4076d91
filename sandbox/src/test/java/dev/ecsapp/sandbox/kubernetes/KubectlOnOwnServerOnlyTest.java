package dev.ecsapp.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What kubectl can do against the sandbox's own API server and not against the mock. */
class KubectlOnOwnServerOnlyTest {

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
    void getEcsappsShowsThePrinterColumnsFromTheStatus() {
        kubectl.run("apply", "--validate=false", "-f", TestResources.ECSAPP_CRD.toAbsolutePath().toString());
        createEcsAppWithStatus();

        Kubectl.Result result = kubectl.run("get", "ecsapps");

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).containsPattern("(?m)^NAME\\s+AGE\\s+READY\\s+DESIRED\\s+IMAGE\\s+RUNNING\\s+URL$")
                .containsPattern("(?m)^hello\\s+\\d+s\\s+True\\s+2\\s+hello:1\\s+2\\s+http://alb/hello$");
    }

    @Test
    void getWatchPrintsTheWidgetAndItsChangeUntilTheTimeout() throws Exception {
        kubectl.run("apply", "--validate=false", "-f", TestResources.path(TestResources.WIDGET).toString());
        CompletableFuture<Kubectl.Result> watching = CompletableFuture.supplyAsync(
                () -> kubectl.run("get", "widgets", "-w", "--request-timeout=3s"));
        TimeUnit.MILLISECONDS.sleep(1500);

        kubectl.run("label", "widget", "first", "team=web");

        Kubectl.Result result = watching.get(30, TimeUnit.SECONDS);
        assertThat(result.out()).as("%s", result).containsPattern("(?m)^NAME\\s+AGE$");
        assertThat(result.out().lines().filter(line -> line.startsWith("first"))).hasSize(2);
    }

    @Test
    void getAsYamlGivesTheStoredObject() {
        kubectl.run("apply", "--validate=false", "-f", TestResources.path(TestResources.WIDGET).toString());

        Kubectl.Result result = kubectl.run("get", "widget", "first", "-o", "yaml");

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).contains("kind: Widget").contains("size: 1").containsPattern("uid: [0-9a-f-]{36}")
                .contains("generation: 1");
    }

    /** kubectl's generators send protobuf and do not retry as JSON on a 415: the server reads these two kinds. */
    @Test
    void createNamespaceAndConfigMapSendProtobufThatTheServerReads() {
        Kubectl.Result namespace = kubectl.run("create", "namespace", "apps");
        Kubectl.Result configMap = kubectl.run("create", "configmap", "settings", "-n", "apps",
                "--from-literal=a=1");

        assertThat(namespace.out()).as("%s", namespace).contains("namespace/apps created");
        assertThat(configMap.out()).as("%s", configMap).contains("configmap/settings created");
        assertThat(api.client().configMaps().inNamespace("apps").withName("settings").get().getData())
                .isEqualTo(Map.of("a", "1"));
    }

    /** Other generators' protobuf bodies are refused, worded as kube-apiserver words a body it cannot read. */
    @Test
    void createDeploymentIsRefusedAsAnUnsupportedMediaType() {
        Kubectl.Result result = kubectl.run("create", "deployment", "web", "--image=web:1");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("failed to create deployment: the body of the request was in an unknown "
                + "format - accepted media types include: application/json, application/yaml");
    }

    @Test
    void deleteNamespaceDeletesItAndItsWidgets() {
        api.client().resource(Widget.named("other", "first", 1)).create();
        api.client().resource(Widget.named("other", "second", 1)).create();

        Kubectl.Result result = kubectl.run("delete", "namespace", "other");

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(api.client().namespaces().withName("other").get()).isNull();
        assertThat(api.client().resources(Widget.class).inNamespace("other").list().getItems()).isEmpty();
    }

    @Test
    void createFromAFileIntoANamespaceThatDoesNotExistSaysSo() {
        Path widget = dir.resolve("widget.yaml");
        writeString(widget, "apiVersion: test.ecsapp.dev/v1\nkind: Widget\nmetadata:\n  name: first\n"
                + "  namespace: nowhere\nspec:\n  size: 1\n");

        Kubectl.Result result = kubectl.run("create", "--validate=false", "-f", widget.toString());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("Error from server (NotFound): error when creating")
                .contains("namespaces \"nowhere\" not found");
    }

    private static void writeString(Path file, String text) {
        try {
            java.nio.file.Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void waitForAConditionReturnsOnceItHolds() {
        kubectl.run("apply", "--validate=false", "-f", TestResources.ECSAPP_CRD.toAbsolutePath().toString());
        createEcsAppWithStatus();

        Kubectl.Result result = kubectl.run("wait", "--for=condition=Ready", "ecsapp/hello", "--timeout=5s");

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).contains("ecsapp.ecsapp.dev/hello condition met");
    }

    private void createEcsAppWithStatus() {
        GenericKubernetesResource app = new GenericKubernetesResource();
        app.setApiVersion("ecsapp.dev/v1alpha1");
        app.setKind("EcsApp");
        app.setMetadata(new ObjectMetaBuilder().withName("hello").withNamespace("default").build());
        app.setAdditionalProperty("spec", Map.of("image", "hello:1"));
        api.client().genericKubernetesResources("ecsapp.dev/v1alpha1", "EcsApp").inNamespace("default")
                .resource(app).create();
        api.client().genericKubernetesResources("ecsapp.dev/v1alpha1", "EcsApp").inNamespace("default")
                .withName("hello").editStatus(stored -> {
                    stored.setAdditionalProperty("status", Map.of("image", "hello:1", "desiredCount", 2,
                            "runningCount", 2, "url", "http://alb/hello",
                            "conditions", List.of(Map.of("type", "Ready", "status", "True"))));
                    return stored;
                });
    }
}
