package dev.ecsapp.sandbox.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A fresh API server on a free loopback port for each test, with the Widget CRD created when asked. */
final class RunningApi implements BeforeEachCallback, AfterEachCallback {

    private final boolean withWidgets;
    private KubernetesApi api;

    private RunningApi(boolean withWidgets) {
        this.withWidgets = withWidgets;
    }

    static RunningApi empty() {
        return new RunningApi(false);
    }

    static RunningApi withWidgets() {
        return new RunningApi(true);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        api = KubernetesApi.start("127.0.0.1", 0);
        if (withWidgets) {
            TestResources.createWidgetsCrd(api.client());
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
