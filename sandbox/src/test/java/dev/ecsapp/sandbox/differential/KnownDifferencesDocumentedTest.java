package dev.ecsapp.sandbox.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README keeps the table of judged differences; it must list each one exactly as judged here. */
class KnownDifferencesDocumentedTest {

    @Test
    void theReadmeListsEveryJudgedDifference() throws Exception {
        Path readme = Path.of(System.getProperty("user.dir")).resolveSibling("README.md");
        String text = Files.readString(Files.exists(readme) ? readme : Path.of("README.md"));

        assertThat(KnownDifferences.ALL).allSatisfy(known -> assertThat(text).contains(known.readmeRow()));
    }
}
