package dev.ecsapp.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What kubectl cannot do against the sandbox, and the message it prints; {@code KUBERNETES.md} lists the same. */
class KubectlLimitsTest {

    private static final String CONFIG_MAP = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n"
            + "data:\n  colour: blue\n";

    @RegisterExtension
    final RunningApi api = RunningApi.withWidgets();

    @TempDir
    Path dir;

    private Kubectl kubectl;

    @BeforeEach
    void writeKubeconfig() {
        kubectl = new Kubectl(api.api().writeKubeconfig(dir.resolve("kubeconfig")), dir);
    }

    @ParameterizedTest
    @ValueSource(strings = {"apply", "create", "replace"})
    void writingAFileWithoutValidateFalseFailsForWantOfAnOpenApiDocument(String verb) {
        Kubectl.Result result = kubectl.run(verb, "-f", TestResources.path(TestResources.WIDGET).toString());

        assertThat(result.exitCode()).as("%s", result).isNotZero();
        assertThat(result.err()).contains("failed to download openapi");
    }

    @Test
    void explainFailsForWantOfAnOpenApiDocument() {
        Kubectl.Result result = kubectl.run("explain", "widgets");

        assertThat(result.exitCode()).as("%s", result).isNotZero();
        assertThat(result.err()).contains("the server could not find the requested resource");
    }

    @Test
    void createNamespaceIsRefusedBecauseItSendsProtobuf() {
        Kubectl.Result result = kubectl.run("create", "namespace", "apps");

        assertThat(result.exitCode()).as("%s", result).isNotZero();
        assertThat(result.err()).contains("accepts JSON only");
    }

    @Test
    void applyServerSideIsRefused() {
        Kubectl.Result result = kubectl.run("apply", "--server-side", "--validate=false",
                "-f", TestResources.path(TestResources.WIDGET).toString());

        assertThat(result.exitCode()).as("%s", result).isNotZero();
        assertThat(result.err()).contains("server-side apply is not supported");
    }

    @Test
    void applyingABuiltInKindAgainIsRefusedBecauseItSendsAStrategicMergePatch() {
        Path configMap = write("settings.yaml", CONFIG_MAP);
        kubectl.run("apply", "--validate=false", "-f", configMap.toString());
        write("settings.yaml", CONFIG_MAP.replace("blue", "green"));

        Kubectl.Result result = kubectl.run("apply", "--validate=false", "-f", configMap.toString());

        assertThat(result.exitCode()).as("%s", result).isNotZero();
        assertThat(result.err()).contains("strategic merge patch is not supported");
    }

    @Test
    void aServerDryRunIsRefusedAndChangesNothing() {
        Kubectl.Result result = kubectl.run("apply", "--dry-run=server", "--validate=false",
                "-f", TestResources.path(TestResources.WIDGET).toString());

        assertThat(result.exitCode()).as("%s", result).isNotZero();
        assertThat(result.err()).contains("dry run is not supported");
        assertThat(api.client().resources(Widget.class).inNamespace("default").withName("first").get()).isNull();
    }

    @Test
    void diffIsRefusedBecauseItAsksForAServerDryRun() {
        api.client().resource(Widget.named("default", "first", 1)).create();
        Path changed = write("widget.yaml", "apiVersion: test.ecsapp.dev/v1\nkind: Widget\nmetadata:\n  name: first\n"
                + "spec:\n  size: 2\n");

        Kubectl.Result result = kubectl.run("diff", "-f", changed.toString());

        assertThat(result.exitCode()).as("%s", result).isGreaterThan(1);
        assertThat(result.err()).contains("dry run is not supported");
        assertThat(api.client().resources(Widget.class).inNamespace("default").withName("first").get()
                .getSpec().size).isEqualTo(1);
    }

    @Test
    void editOfABuiltInKindIsRefusedBecauseItSendsAStrategicMergePatch() {
        kubectl.run("apply", "--validate=false", "-f", write("settings.yaml", CONFIG_MAP).toString());
        Path editor = write("editor.sh", "#!/bin/sh\nsed -i 's/colour: blue/colour: green/' \"$1\"\n");
        editor.toFile().setExecutable(true);

        Kubectl.Result result = kubectl.withEnvironment("KUBE_EDITOR", editor.toString())
                .run("edit", "--validate=false", "configmap", "settings");

        assertThat(result.exitCode()).as("%s", result).isNotZero();
        assertThat(result.err()).contains("strategic merge patch is not supported");
    }

    @Test
    void getWatchIsRefusedBecauseItStreamsOverPlainHttp() {
        api.client().resource(Widget.named("default", "first", 1)).create();

        Kubectl.Result result = kubectl.run("get", "widgets", "--watch");

        assertThat(result.exitCode()).as("%s", result).isNotZero();
        assertThat(result.err()).contains("streams watches over WebSocket only");
    }

    @Test
    void waitFailsBecauseItWatchesOverPlainHttp() {
        api.client().resource(Widget.named("default", "first", 1)).create();

        Kubectl.Result result = kubectl.run("wait", "--for=jsonpath={.status.phase}=Ready", "--timeout=2s",
                "widget/first");

        assertThat(result.exitCode()).as("%s", result).isNotZero();
        assertThat(result.err()).contains("streams watches over WebSocket only");
    }

    @Test
    void getAllFindsNoResourceTypesBecauseDiscoveryHasNoCategories() {
        Kubectl.Result result = kubectl.run("get", "all");

        assertThat(result.exitCode()).as("%s", result).isNotZero();
        assertThat(result.err()).contains("doesn't have a resource type \"all\"");
    }

    private Path write(String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
