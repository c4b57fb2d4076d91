package dev.ecsapp.deploy.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.deploy.RepositoryFiles;
import dev.ecsapp.deploy.iam.OperatorPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/terraform is formatted, documents its outputs, and gives the operator the one copy of its policy. No
 * provider can be downloaded here, so neither validate nor plan runs: these checks read the files.
 */
class TerraformFilesTest {

    private static final Path TERRAFORM = RepositoryFiles.deploy().resolve("terraform");
    private static final Pattern OUTPUT = Pattern.compile("(?m)^output \"([a-z0-9_]+)\"");
    private static final Pattern POLICY_TEMPLATE = Pattern.compile(
            "templatefile\\(\"\\$\\{path\\.module}/([^\"]+)\",\\s*\\{(.*?)}\\)", Pattern.DOTALL);
    private static final Pattern TEMPLATE_KEY = Pattern.compile("(?m)^\\s*([a-z_]+)\\s*=");

    @Test
    void terraformFmtFindsNothingToChange() throws Exception {
        Process fmt = new ProcessBuilder("terraform", "fmt", "-check", "-recursive", "-diff", TERRAFORM.toString())
                .redirectErrorStream(true).start();
        // Read before waiting: a full pipe would block terraform.
        String output = new String(fmt.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(fmt.waitFor(60, TimeUnit.SECONDS)).as("terraform fmt finished").isTrue();
        assertThat(fmt.exitValue()).as("terraform fmt -check -recursive -diff said:%n%s", output).isZero();
    }

    @Test
    void everyOutputHasARowInTheReadme() throws IOException {
        List<String> outputs = all(OUTPUT, Files.readString(TERRAFORM.resolve("outputs.tf")));
        String readme = Files.readString(TERRAFORM.resolve("README.md"));

        assertThat(outputs).isNotEmpty().allSatisfy(output -> assertThat(readme).as("README row for %s", output)
                .containsPattern("(?m)^\\| `" + output + "` \\|"));
    }

    @Test
    void outputsAreDeclaredOnlyInOutputsTf() throws IOException {
        // The README check above reads outputs.tf only; an output elsewhere would escape it.
        for (Path file : terraformFiles()) {
            if (!file.getFileName().toString().equals("outputs.tf")) {
                assertThat(all(OUTPUT, Files.readString(file))).as(file.toString()).isEmpty();
            }
        }
    }

    @Test
    void theOperatorRoleGetsThePolicyFileWithEveryPlaceholderFilled() throws IOException {
        Matcher call = POLICY_TEMPLATE.matcher(Files.readString(TERRAFORM.resolve("iam_operator.tf")));
        assertThat(call.find()).as("a templatefile() call in iam_operator.tf").isTrue();

        assertThat(TERRAFORM.resolve(call.group(1)).normalize()).isEqualTo(OperatorPolicy.FILE.normalize());
        SortedSet<String> passed = new TreeSet<>(all(TEMPLATE_KEY, call.group(2)));
        assertThat(passed).isEqualTo(OperatorPolicy.placeholders(OperatorPolicy.template()));
    }

    @Test
    void thePolicyIsNotCopiedIntoTheTerraform() throws IOException {
        // Any of the operator's own actions written into HCL would be a second copy that drifts.
        for (Path file : terraformFiles()) {
            assertThat(Files.readString(file)).as(file.toString())
                    .doesNotContain("ecs:CreateService", "elasticloadbalancing:CreateRule", "logs:CreateLogGroup");
        }
    }

    @Test
    void theNameIsNoLongerThanThePolicysSizeCheckAssumes() throws IOException {
        Matcher validation = Pattern.compile("can\\(regex\\(\"([^\"]+)\", var\\.name\\)\\)")
                .matcher(Files.readString(TERRAFORM.resolve("variables.tf")));
        assertThat(validation.find()).as("a regex validation of var.name").isTrue();
        // The pattern uses only what RE2 (Terraform) and java.util.regex read alike: classes and counted repeats.
        Pattern name = Pattern.compile(validation.group(1));

        assertThat(name.matcher("e" + "c".repeat(OperatorPolicy.TERRAFORM_NAME_MAX_LENGTH - 1)).matches()).isTrue();
        assertThat(name.matcher("e" + "c".repeat(OperatorPolicy.TERRAFORM_NAME_MAX_LENGTH)).matches()).isFalse();
    }

    @Test
    void rolesThatTasksMustNotGetLiveOutsideTheAppRolePath() throws IOException {
        String hcl = Files.readString(TERRAFORM.resolve("iam_task_execution.tf"));
        Matcher appPath = Pattern.compile("app_role_path = \"([^\"]+)\"").matcher(hcl);
        assertThat(appPath.find()).isTrue();
        // The operator may pass every role under the app role path to tasks; its own role and the pipeline's
        // must not be there, or an app could run with their permissions.
        for (String file : List.of("iam_operator.tf", "github.tf")) {
            Matcher rolePath = Pattern.compile("(?m)^\\s*path\\s*=\\s*\"([^\"]+)\"")
                    .matcher(Files.readString(TERRAFORM.resolve(file)));
            assertThat(rolePath.find()).as("a role path in %s", file).isTrue();
            assertThat(rolePath.group(1)).as(file).doesNotStartWith(appPath.group(1));
        }
        assertThat(hcl).as("the execution role is under the app role path").containsPattern(
                "path\\s*=\\s*local\\.app_role_path");
    }

    private static List<Path> terraformFiles() throws IOException {
        try (Stream<Path> files = Files.walk(TERRAFORM)) {
            return files.filter(file -> file.toString().endsWith(".tf")).sorted().toList();
        }
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
