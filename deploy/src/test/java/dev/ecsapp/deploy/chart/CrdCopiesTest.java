package dev.ecsapp.deploy.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.deploy.RepositoryFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Helm installs the CRD from the chart's crds/ folder and kustomize cannot read files outside its base, so both hold a
 * copy of the committed CRD (crds/, generated from the Java API). After the API changes: copy the new file to both.
 */
class CrdCopiesTest {

    private static final Path COMMITTED = RepositoryFiles.root().resolve("crds").resolve("ecsapps.ecsapp.dev-v1.yml");

    @Test
    void theChartInstallsTheCommittedCrdAndNothingElse() {
        assertThat(OperatorChart.crdFiles()).singleElement().satisfies(copy -> {
            assertThat(copy.getFileName()).isEqualTo(COMMITTED.getFileName());
            assertThat(copy).hasSameBinaryContentAs(COMMITTED);
        });
    }

    @Test
    void theKustomizeBaseHoldsTheCommittedCrd() {
        assertThat(KustomizeBase.dir().resolve(COMMITTED.getFileName())).hasSameBinaryContentAs(COMMITTED);
    }
}
