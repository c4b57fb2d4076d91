package dev.ecsapp.sandbox.kubernetes;

/** {@link WatchTest}'s scenarios against the sandbox's own API server. */
class WatchOnOwnServerTest extends WatchTest {

    @Override
    KubernetesApi.Server server() {
        return KubernetesApi.Server.OWN;
    }
}
