package dev.ecsapp.sandbox.kubernetes;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh API server on a free loopback port for each test, the mock or the sandbox's own, with the Widget CRD and
 * a second namespace, {@code other}, created when asked.
 */
final class RunningApi implements BeforeEachCallback, AfterEachCallback {

    private final boolean withWidgets;
    private final KubernetesApi.Server server;
    private KubernetesApi api;

    private RunningApi(boolean withWidgets, KubernetesApi.Server server) {
        this.withWidgets = withWidgets;
        this.server = server;
    }

    static RunningApi empty() {
        return empty(KubernetesApi.Server.MOCK);
    }

    static RunningApi withWidgets() {
        return withWidgets(KubernetesApi.Server.MOCK);
    }

    static RunningApi empty(KubernetesApi.Server server) {
        return new RunningApi(false, server);
    }

    static RunningApi withWidgets(KubernetesApi.Server server) {
        return new RunningApi(true, server);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        api = KubernetesApi.start("127.0.0.1", 0, server);
        if (withWidgets) {
            TestResources.createWidgetsCrd(api.client());
            // A real API server refuses objects in a namespace that does not exist; the mock never checked.
            api.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("other")
                    .endMetadata().build()).create();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        api.close();
    }

    KubernetesApi api() {
        return api;
    }

    KubernetesClient client() {
        return api.client();
    }
}
