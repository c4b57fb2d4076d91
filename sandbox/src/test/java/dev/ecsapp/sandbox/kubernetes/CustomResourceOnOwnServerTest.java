package dev.ecsapp.sandbox.kubernetes;

/** {@link CustomResourceTest}'s scenarios against the sandbox's own API server. */
class CustomResourceOnOwnServerTest extends CustomResourceTest {

    @Override
    KubernetesApi.Server server() {
        return KubernetesApi.Server.OWN;
    }
}
