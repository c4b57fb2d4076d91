package dev.ecsapp.sandbox.kubernetes;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The manifests in {@code src/test/resources/kubernetes}. */
final class TestResources {

    static final String WIDGETS_CRD = "widgets-crd.yaml";
    static final String WIDGET = "widget.yaml";
    /** The operator's CRD as the repository commits it (tests run in the sandbox module's directory). */
    static final Path ECSAPP_CRD = Path.of("..", "crds", "ecsapps.ecsapp.dev-v1.yml");

    private TestResources() {
    }

    static Path path(String name) {
        try {
            return Path.of(TestResources.class.getResource("/kubernetes/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates the Widget CRD through the API, as kubectl or a Helm chart would. */
    static CustomResourceDefinition createWidgetsCrd(KubernetesClient client) {
        try (InputStream yaml = TestResources.class.getResourceAsStream("/kubernetes/" + WIDGETS_CRD)) {
            return client.apiextensions().v1().customResourceDefinitions().load(yaml).create();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
