package dev.ecsapp.sandbox.kubernetes;

/** {@link FinalizerTest}'s scenarios against the sandbox's own API server. */
class FinalizerOnOwnServerTest extends FinalizerTest {

    @Override
    KubernetesApi.Server server() {
        return KubernetesApi.Server.OWN;
    }
}
