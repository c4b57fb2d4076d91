package dev.ecsapp.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class BuildInfoTest {

    @Test
    void theBuildStampsItsVersionIntoTheJar() throws Exception {
        Properties build = OperatorMain.buildInfo();

        // Filtered at build time: a placeholder left in means --version and the start log would print it.
        assertThat(build.getProperty("version")).doesNotContain("${").matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(build.getProperty("commit")).doesNotContain("${").isNotBlank();
    }
}
