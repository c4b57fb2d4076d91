package dev.ecsapp.sandbox.kubernetes;

/** {@link KubectlTest}'s scenarios against the sandbox's own API server. */
class KubectlOnOwnServerTest extends KubectlTest {

    @Override
    KubernetesApi.Server server() {
        return KubernetesApi.Server.OWN;
    }
}
