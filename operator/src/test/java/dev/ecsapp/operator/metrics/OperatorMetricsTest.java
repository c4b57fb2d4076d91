package dev.ecsapp.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
}
