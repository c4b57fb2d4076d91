package dev.ecsapp.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What kubectl can do against the sandbox; {@code KUBERNETES.md} lists the same. */
class KubectlTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final RunningApi api = RunningApi.empty(server());

    /** The server these tests run against; a subclass runs them against the other one. */
    KubernetesApi.Server server() {
        return KubernetesApi.Server.MOCK;
    }

    @TempDir
    Path dir;

    private Kubectl kubectl;

    @BeforeEach
    void writeKubeconfig() {
        kubectl = new Kubectl(api.api().writeKubeconfig(dir.resolve("kubeconfig")), dir);
    }

    @Test
    void versionShowsTheServerVersion() {
        Kubectl.Result result = kubectl.run("version");

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).contains("Server Version: v1.32.0-sandbox");
    }

    @Test
    void getNamespacesListsTheDefaultNamespace() {
        Kubectl.Result result = kubectl.run("get", "namespaces");

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).containsPattern("(?m)^default\\s");
    }

    @Test
    void applyWithValidateFalseCreatesTheCrd() {
        Kubectl.Result result = applyWidgetsCrd();

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).contains("customresourcedefinition.apiextensions.k8s.io/widgets.test.ecsapp.dev created");
    }

    @Test
    void applyCreatesACustomResourceOnceItsCrdIsApplied() {
        applyWidgetsCrd();

        Kubectl.Result result = applyWidget();

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).contains("widget.test.ecsapp.dev/first created");
    }

    @Test
    void getByThePluralListsTheWidgets() {
        applyWidgetsCrd();
        applyWidget();

        Kubectl.Result result = kubectl.run("get", "widgets");

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).containsPattern("(?m)^first\\s");
    }

    @Test
    void getByTheShortNameAsJsonGivesTheWholeObject() {
        applyWidgetsCrd();
        applyWidget();

        Kubectl.Result result = kubectl.run("get", "wd", "-o", "json");

        assertThat(result.exitCode()).as("%s", result).isZero();
        JsonNode widget = json(result.out()).path("items").path(0);
        assertThat(widget.path("kind").asText()).isEqualTo("Widget");
        assertThat(widget.path("spec").path("size").asInt()).isEqualTo(1);
        assertThat(widget.path("metadata").path("uid").asText()).isNotBlank();
    }

    @Test
    void applyingAChangedWidgetAgainPatchesIt() {
        applyWidgetsCrd();
        applyWidget();

        Kubectl.Result result = kubectl.run("apply", "--validate=false", "-f",
                write("widget.yaml", widgetManifest(5)).toString());

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).contains("widget.test.ecsapp.dev/first configured");
        assertThat(widgetSize()).isEqualTo(5);
    }

    @Test
    void applyingAChangedCrdAgainReplacesItsLists() {
        applyWidgetsCrd();
        String changed = read(TestResources.path(TestResources.WIDGETS_CRD)).replace("- wd", "- wdg");

        Kubectl.Result result = kubectl.run("apply", "--validate=false", "-f", write("crd.yaml", changed).toString());

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(api.client().apiextensions().v1().customResourceDefinitions().withName("widgets.test.ecsapp.dev")
                .get().getSpec().getNames().getShortNames()).containsExactly("wdg");
    }

    @Test
    void apiResourcesListsAnAppliedCrdsResource() {
        applyWidgetsCrd();

        Kubectl.Result result = kubectl.run("api-resources");

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).containsPattern("(?m)^widgets\\s+wd\\s+test\\.ecsapp\\.dev/v1\\s+true\\s+Widget");
        assertThat(result.out()).containsPattern("(?m)^leases\\s+coordination\\.k8s\\.io/v1\\s+true\\s+Lease");
    }

    @Test
    void patchWithAMergePatchChangesTheSpec() {
        applyWidgetsCrd();
        applyWidget();

        Kubectl.Result result = kubectl.run("patch", "widget", "first", "--type=merge", "-p", "{\"spec\":{\"size\":3}}");

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(widgetSize()).isEqualTo(3);
    }

    @Test
    void patchOfTheStatusSubresourceSetsTheStatus() {
        applyWidgetsCrd();
        applyWidget();

        Kubectl.Result result = kubectl.run("patch", "widget", "first", "--subresource=status", "--type=merge",
                "-p", "{\"status\":{\"phase\":\"Ready\"}}");

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(kubectl.run("get", "widget", "first", "-o", "jsonpath={.status.phase}").out()).isEqualTo("Ready");
    }

    @Test
    void describeShowsAWidget() {
        applyWidgetsCrd();
        applyWidget();

        Kubectl.Result result = kubectl.run("describe", "widget", "first");

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).containsPattern("(?m)^Kind:\\s+Widget$").containsPattern("(?m)^\\s+Size:\\s+1$");
    }

    @Test
    void replaceWithValidateFalseReplacesAWidget() {
        applyWidgetsCrd();
        applyWidget();

        Kubectl.Result result = kubectl.run("replace", "--validate=false", "-f",
                write("widget.yaml", widgetManifest(4)).toString());

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(widgetSize()).isEqualTo(4);
    }

    @Test
    void labelAddsALabel() {
        applyWidgetsCrd();
        applyWidget();

        Kubectl.Result result = kubectl.run("label", "widget", "first", "team=web");

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(widget().getMetadata().getLabels()).containsEntry("team", "web");
    }

    @Test
    void annotateAddsAnAnnotation() {
        applyWidgetsCrd();
        applyWidget();

        Kubectl.Result result = kubectl.run("annotate", "widget", "first", "owner=platform");

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(widget().getMetadata().getAnnotations()).containsEntry("owner", "platform");
    }

    @Test
    void editWithValidateFalseSavesTheChange() {
        applyWidgetsCrd();
        applyWidget();
        Path editor = write("editor.sh", "#!/bin/sh\nsed -i 's/size: 1/size: 8/' \"$1\"\n");
        editor.toFile().setExecutable(true);

        Kubectl.Result result = kubectl.withEnvironment("KUBE_EDITOR", editor.toString())
                .run("edit", "--validate=false", "widget", "first");

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(widgetSize()).isEqualTo(8);
    }

    @Test
    void createFromAFileCreatesANamespace() {
        Path namespace = write("namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n");

        Kubectl.Result result = kubectl.run("create", "--validate=false", "-f", namespace.toString());

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(api.client().namespaces().withName("apps").get()).isNotNull();
    }

    @Test
    void deleteRemovesAWidget() {
        applyWidgetsCrd();
        applyWidget();

        Kubectl.Result result = kubectl.run("delete", "widget", "first");

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).contains("widget.test.ecsapp.dev \"first\" deleted");
        assertThat(api.client().resources(Widget.class).inNamespace("default").withName("first").get()).isNull();
    }

    @Test
    void deleteWithoutWaitingMarksAWidgetThatHasAFinalizer() {
        applyWidgetsCrd();
        Widget widget = Widget.named("default", "first", 1);
        widget.addFinalizer("test.ecsapp.dev/cleanup");
        api.client().resource(widget).create();

        Kubectl.Result result = kubectl.run("delete", "--wait=false", "widget", "first");

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(api.client().resources(Widget.class).inNamespace("default").withName("first").get()
                .getMetadata().getDeletionTimestamp()).isNotBlank();
    }

    @Test
    void patchRemovingTheLastFinalizerOfAMarkedWidgetDeletesIt() {
        applyWidgetsCrd();
        Widget widget = Widget.named("default", "first", 1);
        widget.addFinalizer("test.ecsapp.dev/cleanup");
        api.client().resource(widget).create();
        kubectl.run("delete", "--wait=false", "widget", "first");

        Kubectl.Result result = kubectl.run("patch", "widget", "first", "--type=json",
                "-p", "[{\"op\":\"remove\",\"path\":\"/metadata/finalizers\"}]");

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(api.client().resources(Widget.class).inNamespace("default").withName("first").get()).isNull();
    }

    private Kubectl.Result applyWidgetsCrd() {
        return kubectl.run("apply", "--validate=false", "-f", TestResources.path(TestResources.WIDGETS_CRD).toString());
    }

    private Kubectl.Result applyWidget() {
        return kubectl.run("apply", "--validate=false", "-f", TestResources.path(TestResources.WIDGET).toString());
    }

    private Widget widget() {
        return api.client().resources(Widget.class).inNamespace("default").withName("first").get();
    }

    private int widgetSize() {
        return widget().getSpec().size;
    }

    private static String widgetManifest(int size) {
        return read(TestResources.path(TestResources.WIDGET)).replace("size: 1", "size: " + size);
    }

    private Path write(String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
