package dev.ecsapp.deploy.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** For people without Helm: the kustomize base must install exactly what `helm install` with no values installs. */
class KustomizeBaseTest {

    @BeforeAll
    static void rewriteWhenAsked() throws Exception {
        if (Boolean.getBoolean("ecsapp.writeKustomizeBase")) {
            KustomizeBase.createDir();
            KustomizeBase.writeFromChart();
        }
    }

    @Test
    void kubectlKustomizeBuildsTheSameObjectsAsTheChartWithDefaultValues() throws Exception {
        List<HasMetadata> chart = new ArrayList<>(OperatorChart.crds());
        chart.addAll(OperatorChart.render());

        Map<String, JsonNode> expected = Manifests.byIdentity(chart);
        Map<String, JsonNode> built = Manifests.byIdentity(KustomizeBase.build());

        String hint = "; rerun with -Decsapp.writeKustomizeBase=true to rewrite deploy/kustomize/base from the chart";
        assertThat(built.keySet()).as("objects kubectl kustomize builds" + hint)
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        SoftAssertions.assertSoftly(softly -> expected.forEach((identity, object) ->
                softly.assertThat(built.get(identity)).as(identity + hint).isEqualTo(object)));
    }
}
