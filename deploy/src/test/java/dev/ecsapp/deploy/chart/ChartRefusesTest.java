package dev.ecsapp.deploy.chart;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values the chart refuses at install time rather than installing an operator that cannot work. */
class ChartRefusesTest {

    @Test
    void moreThanOneReplicaWithoutLeaderElection() {
        assertThatThrownBy(() -> OperatorChart.render(Map.of("replicaCount", 3, "leaderElection.enabled", false)))
                .hasMessageContaining("replicaCount above 1 needs leaderElection.enabled");
    }

    @Test
    void aServiceMonitorWithoutTheMetricsService() {
        assertThatThrownBy(() -> OperatorChart.render(Map.of("metrics.serviceMonitor.enabled", true,
                "metrics.service.enabled", false)))
                .hasMessageContaining("metrics.serviceMonitor.enabled needs metrics.service.enabled");
    }

    @Test
    void aSubnetThatIsNotASubnetId() {
        assertThatThrownBy(() -> OperatorChart.render(Map.of("defaults.subnets[0]", "private-a")))
                .hasMessageContaining("defaults.subnets.0");
    }

    @Test
    void aKeptHostForANamespaceThatIsNotANamespaceName() {
        assertThatThrownBy(() -> OperatorChart.render(Map.of("listenerRules.hostNamespaces.shop\\.example\\.com[0]",
                "Shop_Team")))
                .hasMessageContaining("listenerRules.hostNamespaces");
    }

    @Test
    void aMisspelledValue() {
        assertThatThrownBy(() -> OperatorChart.render(Map.of("replicas", 2)))
                .hasMessageContaining("replicas");
    }
}
