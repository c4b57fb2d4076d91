package dev.ecsapp.sandbox.kubernetes;

/** {@link GenerationAndResourceVersionTest}'s scenarios against the sandbox's own API server. */
class GenerationAndResourceVersionOnOwnServerTest extends GenerationAndResourceVersionTest {

    @Override
    KubernetesApi.Server server() {
        return KubernetesApi.Server.OWN;
    }
}
