package dev.ecsapp.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.operator.api.v1alpha1.Condition;
import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import dev.ecsapp.operator.api.v1alpha1.EcsAppStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorMetricsTest {

    private final OperatorMetrics metrics = new OperatorMetrics();

    @Test
    void reconcilesAreTimedByOutcome() {
        metrics.reconciled(OperatorMetrics.ReconcileOutcome.READY, Duration.ofMillis(30));
        metrics.reconciled(OperatorMetrics.ReconcileOutcome.READY, Duration.ofMillis(10));
        metrics.reconciled(OperatorMetrics.ReconcileOutcome.TRANSIENT_ERROR, Duration.ofMillis(5));

        String text = metrics.scrape();
        assertThat(text).contains("ecsapp_reconciles_seconds_count{outcome=\"ready\"} 2")
                .contains("ecsapp_reconciles_seconds_count{outcome=\"transient_error\"} 1")
                .contains("ecsapp_reconciles_seconds_sum{outcome=\"ready\"} 0.04");
    }

    @Test
    void appsByConditionIsAGaugeThatFollowsTheLatestCount() {
        metrics.appsWithCondition("Ready", "True", 3);
        metrics.appsWithCondition("Ready", "True", 5);
        metrics.appsWithCondition("Degraded", "True", 1);

        assertThat(metrics.scrape()).contains("ecsapp_apps{condition=\"Ready\",status=\"True\"} 5")
                .contains("ecsapp_apps{condition=\"Degraded\",status=\"True\"} 1");
    }

    @Test
    void jvmBasicsAreExported() {
        assertThat(metrics.scrape()).contains("jvm_memory_used_bytes").contains("process_uptime_seconds");
    }

    private static EcsApp app(Condition... conditions) {
        EcsApp app = new EcsApp();
        app.setStatus(new EcsAppStatus(1L, Arrays.asList(conditions), null, null, null, null, null, null, null,
                null, null));
        return app;
    }

    private static Condition condition(String type, String status) {
        return new Condition(type, status, "Because", "", "2025-01-01T00:00:00Z", 1L);
    }

    @Test
    void theAppsGaugeCountsTheAppsItIsGivenAtEachScrape() {
        List<EcsApp> cache = new ArrayList<>(List.of(
                app(condition("Ready", "True"), condition("Degraded", "False"), condition("Progressing", "False")),
                app(condition("Ready", "False"), condition("Degraded", "True"), condition("Progressing", "False"))));
        metrics.countAppsFrom(cache::stream);

        assertThat(metrics.scrape()).contains("ecsapp_apps{condition=\"Ready\",status=\"True\"} 1.0")
                .contains("ecsapp_apps{condition=\"Ready\",status=\"False\"} 1.0")
                .contains("ecsapp_apps{condition=\"Degraded\",status=\"True\"} 1.0")
                .contains("ecsapp_apps{condition=\"Progressing\",status=\"False\"} 2.0")
                .contains("ecsapp_apps{condition=\"Progressing\",status=\"Unknown\"} 0.0");

        cache.remove(1);

        assertThat(metrics.scrape()).contains("ecsapp_apps{condition=\"Ready\",status=\"False\"} 0.0")
                .contains("ecsapp_apps{condition=\"Degraded\",status=\"True\"} 0.0")
                .contains("ecsapp_apps{condition=\"Ready\",status=\"True\"} 1.0");
    }

    @Test
    void anAppNotReconciledYetIsUnknownForEveryConditionAndOtherTypesAreCountedToo() {
        List<EcsApp> cache = List.of(new EcsApp(), app(condition("Ready", "True"), condition("Paused", "True")));
        metrics.countAppsFrom(cache::stream);

        assertThat(metrics.scrape()).contains("ecsapp_apps{condition=\"Ready\",status=\"Unknown\"} 1.0")
                .contains("ecsapp_apps{condition=\"Degraded\",status=\"Unknown\"} 2.0")
                .contains("ecsapp_apps{condition=\"Paused\",status=\"True\"} 1.0");
    }

    @Test
    void aConditionTypeNoAppHasAnyMoreDropsToZero() {
        List<EcsApp> cache = new ArrayList<>(List.of(app(condition("Paused", "True"))));
        metrics.countAppsFrom(cache::stream);
        metrics.scrape();

        cache.clear();

        assertThat(metrics.scrape()).contains("ecsapp_apps{condition=\"Paused\",status=\"True\"} 0.0");
    }
}
