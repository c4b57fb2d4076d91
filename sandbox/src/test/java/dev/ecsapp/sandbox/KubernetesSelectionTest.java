package dev.ecsapp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsapp.sandbox.kubernetes.KubernetesApi;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --kubernetes own|mock} picks the Kubernetes API server; the sandbox's own is the jar's default. */
class KubernetesSelectionTest {

    @TempDir
    Path dir;

    @Test
    void theOwnServerIsTheDefault() throws SandboxConfig.BadFlag {
        assertThat(SandboxConfig.parse(new String[0]).kubernetes()).isEqualTo(KubernetesApi.Server.OWN);
    }

    @Test
    void ownSelectsTheSandboxsOwnServer() throws SandboxConfig.BadFlag {
        assertThat(SandboxConfig.parse(new String[] {"--kubernetes", "own"}).kubernetes())
                .isEqualTo(KubernetesApi.Server.OWN);
        assertThat(SandboxConfig.parse(new String[] {"--kubernetes=mock"}).kubernetes())
                .isEqualTo(KubernetesApi.Server.MOCK);
    }

    @Test
    void anotherNameIsABadFlag() {
        assertThatThrownBy(() -> SandboxConfig.parse(new String[] {"--kubernetes", "etcd"}))
                .isInstanceOf(SandboxConfig.BadFlag.class)
                .hasMessage("--kubernetes: 'etcd' is not mock or own");
    }

    @Test
    void aSandboxWithItsOwnServerServesTheKubeconfigsClusterWithTheDefaultNamespace() throws Exception {
        SandboxConfig config = SandboxConfig.ephemeral(dir.resolve("kubeconfig")).withThrottling(false)
                .withKubernetes(KubernetesApi.Server.OWN);
        try (Sandbox sandbox = Sandbox.start(config)) {
            assertThat(sandbox.kubernetes().client().namespaces().withName("default").get().getStatus().getPhase())
                    .isEqualTo("Active");
            assertThat(sandbox.kubernetes().client().getKubernetesVersion().getGitVersion())
                    .isEqualTo("v1.32.0-sandbox");
        }
    }
}
