package dev.ecsapp.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesApiTest {

    @Test
    void portZeroPicksAFreePortOnTheGivenHost() {
        try (KubernetesApi api = KubernetesApi.start("127.0.0.1", 0)) {
            assertThat(api.url().getScheme()).isEqualTo("http");
            assertThat(api.url().getHost()).isEqualTo("127.0.0.1");
            assertThat(api.url().getPort()).isPositive();
        }
    }

    @Test
    void theDefaultNamespaceExistsFromTheStart() {
        try (KubernetesApi api = KubernetesApi.start("127.0.0.1", 0)) {
            assertThat(api.client().namespaces().withName("default").get()).isNotNull();
        }
    }

    @Test
    void aFabric8ClientBuiltFromTheWrittenKubeconfigUsesTheServer(@TempDir Path dir) {
        try (KubernetesApi api = KubernetesApi.start("127.0.0.1", 0)) {
            Path kubeconfig = api.writeKubeconfig(dir.resolve("nested/kubeconfig"));

            try (KubernetesClient client = new KubernetesClientBuilder()
                    .withConfig(Config.fromKubeconfig(kubeconfig.toFile())).build()) {
                client.configMaps().resource(new ConfigMapBuilder()
                        .withNewMetadata().withName("settings").endMetadata()
                        .addToData("colour", "blue")
                        .build()).create();

                assertThat(client.getNamespace()).isEqualTo("default");
                assertThat(api.client().configMaps().inNamespace("default").withName("settings").get().getData())
                        .containsEntry("colour", "blue");
            }
        }
    }

    @Test
    void aPortInUseFailsTheStartNamingTheAddress() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> KubernetesApi.start("127.0.0.1", port))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("127.0.0.1:" + port);
        }
    }

    @Test
    void closingStopsTheListener() {
        KubernetesApi api = KubernetesApi.start("127.0.0.1", 0);
        int port = api.url().getPort();

        api.close();

        // Binding the port again proves it was released. A refused connect was the check before and failed once in
        // CI: on loopback a connect can succeed without this server (Linux may connect a socket to itself when it
        // picks the destination port as the source port).
        assertThatCode(() -> new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1")).close())
                .doesNotThrowAnyException();
    }
}
