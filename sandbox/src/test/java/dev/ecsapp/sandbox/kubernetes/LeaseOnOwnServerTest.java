package dev.ecsapp.sandbox.kubernetes;

/** {@link LeaseTest}'s scenarios against the sandbox's own API server. */
class LeaseOnOwnServerTest extends LeaseTest {

    @Override
    KubernetesApi.Server server() {
        return KubernetesApi.Server.OWN;
    }
}
