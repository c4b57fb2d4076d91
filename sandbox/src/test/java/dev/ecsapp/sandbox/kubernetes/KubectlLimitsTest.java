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

    @Test
    void applyWithoutValidateFalseFailsForWantOfAnOpenApiDocument() {
        Kubectl.Result result = kubectl.run("apply", "-f", TestResources.path(TestResources.WIDGET).toString());

        assertThat(result.exitCode()).as("%s", result).isNotZero();
        assertThat(result.err()).contains("failed to download openapi");
    }

    @Test
    void explainFailsForWantOfAnOpenApiDocument() {
        Kubectl.Result result = kubectl.run("explain", "widgets");

        assertThat(result.exitCode()).as("%s", result).isNotZero();
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
