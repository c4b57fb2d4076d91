package dev.ecsapp.deploy.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsapp.deploy.RepositoryFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The pull-request and main workflow: when it runs and that it runs what the README calls the tests. */
class CiWorkflowTest {

    // In the README's first code block: "<command>   # test everything".
    private static final Pattern README_TEST_LINE = Pattern.compile("(?m)^(\\S.*?)\\s+#\\s*test everything\\s*$");

    private final JsonNode ci = Workflows.read(Workflows.CI);

    @Test
    void itRunsOnEveryPullRequestAndOnPushesToMain() {
        JsonNode on = ci.path("on");

        assertThat(on.has("pull_request")).isTrue();
        assertThat(on.path("pull_request").has("branches")).as("pull requests into any branch are tested").isFalse();
        assertThat(texts(on.path("push").path("branches"))).containsExactly("main");
    }

    @Test
    void theTestJobRunsTheReadmesTestCommand() {
        String command = readmeTestCommand();

        assertThat(commandsOf(Workflows.job(Workflows.CI, "test"))).contains(command);
    }

    @Test
    void theReadmesTestCommandIsFoundWhereTheReadmeSaysIt() {
        // Guards the test above against reading the wrong line of the README.
        assertThat(readmeTestCommand()).startsWith("./mvnw ").contains("verify");
    }

    @Test
    void mavenDependenciesAreCached() {
        List<JsonNode> setupJava = Workflows.stepsUsing(Workflows.job(Workflows.CI, "test"), "actions/setup-java");

        assertThat(setupJava).singleElement().satisfies(step -> {
            assertThat(step.path("with").path("cache").asText()).isEqualTo("maven");
            assertThat(step.path("with").path("java-version").asText()).isEqualTo("17");
        });
    }

    @Test
    void aNewPushToAPullRequestCancelsItsRunningChecksButRunsOnMainFinish() {
        JsonNode concurrency = ci.path("concurrency");

        assertThat(concurrency.path("group").asText()).contains("github.event.pull_request.number");
        assertThat(concurrency.path("cancel-in-progress").asText())
                .isEqualTo("${{ github.event_name == 'pull_request' }}");
    }

    @Test
    void theQuickJobLintsTheWorkflowsTheChartAndTheTerraformFormatting() {
        String scripts = Workflows.scripts(Workflows.job(Workflows.CI, "lint"));

        assertThat(scripts).contains("npm ci --prefix .github/lint", "node .github/lint/lint-workflows.cjs",
                "helm lint deploy/helm/ecsapp-operator")
                .containsPattern("terraform fmt -check -recursive (-\\S+ )*deploy/terraform");
    }

    @Test
    void theReleaseWorkflowCanCallIt() {
        assertThat(ci.path("on").has("workflow_call")).isTrue();
    }

    /** The README's test command, as written there. */
    static String readmeTestCommand() {
        Matcher line = README_TEST_LINE.matcher(read("README.md"));
        if (!line.find()) {
            throw new AssertionError("README.md has no line '<command>  # test everything'");
        }
        return line.group(1).strip();
    }

    /** The job's command lines, with a run of .ci/run replaced by the commands in it. */
    private static List<String> commandsOf(JsonNode job) {
        List<String> commands = new ArrayList<>();
        for (String line : Workflows.scripts(job).lines().map(String::strip).toList()) {
            if (line.equals(".ci/run") || line.equals("bash .ci/run")) {
                read(".ci/run").lines().map(String::strip).filter(l -> !l.startsWith("#")).forEach(commands::add);
            } else {
                commands.add(line);
            }
        }
        return commands;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static String read(String path) {
        try {
            return Files.readString(RepositoryFiles.root().resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
