package dev.ecsapp.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommittedCrdTest {

    @Test
    void theCommittedCrdIsTheOneGeneratedFromTheJavaModel() {
        assertThat(CrdFiles.GENERATED).as("the generated CRD (run the build through process-classes)").exists();
        assertThat(CrdFiles.read(CrdFiles.COMMITTED))
                .as("crds/%s differs from the CRD generated from the Java model. Refresh it with: "
                        + "./mvnw -q -pl operator -am process-classes && cp operator/%s crds/",
                        CrdFiles.FILE_NAME, CrdFiles.GENERATED)
                .isEqualTo(CrdFiles.read(CrdFiles.GENERATED));
    }
}
