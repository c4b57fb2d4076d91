package dev.ecsapp.operator.controller;

import static dev.ecsapp.operator.controller.OperatorOnSandbox.app;
import static dev.ecsapp.operator.controller.OperatorOnSandbox.webApp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ecsapp_apps gauge counts the apps the operator knows by condition, as a scrape of /metrics shows them. */
class AppsGaugeTest {

    @RegisterExtension
    static final OperatorOnSandbox SANDBOX = new OperatorOnSandbox();

    @Test
    void aReadyAppAndAnInvalidOneAreCountedByConditionWhenScraped() {
        SANDBOX.create(webApp("shop", "nginx:1.27", "replicas: 1"));
        SANDBOX.create(app("broken", "{image: 'shop:1', cpu: 'two cores'}"));
        await().atMost(Duration.ofSeconds(90)).until(() -> SANDBOX.ready("shop")
                && SANDBOX.isTrue("broken", "Degraded"));

        // The informer cache may lag the API by a moment; the gauge reads the cache, never the API or AWS.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(SANDBOX.metrics().scrape())
                .contains("ecsapp_apps{condition=\"Ready\",status=\"True\"} 1.0")
                .contains("ecsapp_apps{condition=\"Ready\",status=\"False\"} 1.0")
                .contains("ecsapp_apps{condition=\"Degraded\",status=\"True\"} 1.0")
                .contains("ecsapp_apps{condition=\"Degraded\",status=\"False\"} 1.0")
                .contains("ecsapp_apps{condition=\"Ready\",status=\"Unknown\"} 0.0"));
    }
}
