package dev.ecsapp.deploy.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

class ChartLintTest {

    @Test
    void theChartPassesHelmLintInStrictModeWithNoWarnings() {
        LintResult result = new Helm(OperatorChart.dir()).lint().strict().call();

        assertThat(result.getMessages()).as("lint messages").noneMatch(m -> m.contains("[ERROR]")
                || m.contains("[WARNING]"));
        assertThat(result.isFailed()).as("lint failed: " + result.getMessages()).isFalse();
    }
}
