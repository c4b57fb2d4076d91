package dev.ecsapp.sandbox.kubernetes;

/** {@link StatusSubresourceTest}'s scenarios against the sandbox's own API server. */
class StatusSubresourceOnOwnServerTest extends StatusSubresourceTest {

    @Override
    KubernetesApi.Server server() {
        return KubernetesApi.Server.OWN;
    }
}
