package dev.ecsapp.sandbox.kubernetes;

/** {@link EventTest}'s scenarios against the sandbox's own API server. */
class EventOnOwnServerTest extends EventTest {

    @Override
    KubernetesApi.Server server() {
        return KubernetesApi.Server.OWN;
    }
}
