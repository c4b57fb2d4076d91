package dev.ecsapp.deploy.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsapp.deploy.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The GitHub role of deploy/terraform lets the workflows do what they do: every job that assumes it is trusted by
 * the subject GitHub gives that job, and the role grants every ECR action the jobs and their scripts call, on the
 * pipeline's repositories only. No provider can be downloaded here, so the HCL is read, not planned.
 */
class GitHubRoleTest {

    private static final Path TERRAFORM = RepositoryFiles.deploy().resolve("terraform");
    private static final String CONFIGURE_CREDENTIALS = "aws-actions/configure-aws-credentials";
    private static final String REPOSITORY = "my-org/ecsapp";
    private static final String PIPELINE_REPOSITORIES = "[for repository in aws_ecr_repository.pipeline : "
            + "repository.arn]";
    /**
     * ECR's own list for a push (image-push-iam.html in the ECR user guide): build-push-action with push: true, and a
     * script that runs the service's Jib push (Maven profile push-image).
     */
    private static final List<String> PUSH = List.of("ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage",
            "ecr:CompleteLayerUpload", "ecr:InitiateLayerUpload", "ecr:PutImage", "ecr:UploadLayerPart");
    private static final Pattern AWS_ECR_CALL = Pattern.compile("\\baws\\s+ecr\\s+([a-z][a-z-]*)");
    private static final Pattern SCRIPT = Pattern.compile("(\\.github/scripts/[A-Za-z0-9._-]+\\.sh)");

    // ---- trust -----------------------------------------------------------------------------------------------

    @Test
    void everyJobThatAssumesTheRoleIsTrustedByTheSubjectGithubGivesIt() throws IOException {
        List<Pattern> trusted = trustedSubjects();
        Map<String, List<String>> subjects = subjectsOfJobsAssumingTheRole();

        assertThat(subjects).as("jobs assuming a role").isNotEmpty();
        subjects.forEach((job, jobSubjects) -> assertThat(jobSubjects).as(job).allSatisfy(subject ->
                assertThat(trusted).as("%s: trusted subject patterns for %s", job, subject)
                        .anySatisfy(pattern -> assertThat(pattern.matcher(subject).matches()).isTrue())));
    }

    @Test
    void theDeployJobsEnvironmentIsAmongTheJobsChecked() {
        // Guards the test above: a job in an environment signs in as that environment, not as its branch.
        assertThat(subjectsOfJobsAssumingTheRole().get("release.yml/deploy"))
                .contains("repo:" + REPOSITORY + ":environment:production");
    }

    @Test
    void pullRequestsAreNeverTrusted() throws IOException {
        assertThat(trustedSubjects()).noneSatisfy(pattern -> assertThat(pattern.matcher(
                "repo:" + REPOSITORY + ":pull_request").matches()).isTrue());
    }

    // ---- permissions -----------------------------------------------------------------------------------------

    @Test
    void theRoleGrantsEveryEcrActionTheWorkflowsAndTheirScriptsCall() throws IOException {
        SortedSet<String> called = ecrActionsCalled();
        Map<String, String> granted = ecrGrants();

        assertThat(called).contains("ecr:DescribeImageScanFindings", "ecr:StartImageScan",
                "ecr:GetAuthorizationToken", "ecr:PutImage");
        assertThat(granted.keySet()).containsAll(called);
    }

    @Test
    void ecrActionsAreGrantedOnThePipelineRepositoriesOnly() throws IOException {
        Map<String, String> granted = ecrGrants();

        assertThat(granted.keySet()).noneMatch(action -> action.contains("*"));
        granted.forEach((action, resources) -> assertThat(resources).as(action).isEqualTo(
                // GetAuthorizationToken is the one ECR action without resource-level permissions.
                action.equals("ecr:GetAuthorizationToken") ? "[\"*\"]" : PIPELINE_REPOSITORIES));
    }

    // ---- what the workflows do -------------------------------------------------------------------------------

    /** Per job ("file/job") that configures AWS credentials, the OIDC subjects GitHub can give its runs. */
    private static Map<String, List<String>> subjectsOfJobsAssumingTheRole() {
        Map<String, List<String>> subjects = new LinkedHashMap<>();
        for (String file : Workflows.fileNames()) {
            JsonNode workflow = Workflows.read(file);
            Workflows.jobs(workflow).forEach((id, job) -> {
                if (!Workflows.stepsUsing(job, CONFIGURE_CREDENTIALS).isEmpty()) {
                    subjects.put(file + "/" + id, subjects(workflow, job));
                }
            });
        }
        return subjects;
    }

    // GitHub's sub claim: repo:OWNER/REPO:environment:NAME for a job in an environment, whatever its ref;
    // repo:OWNER/REPO:ref:REF otherwise, and repo:OWNER/REPO:pull_request for pull requests.
    private static List<String> subjects(JsonNode workflow, JsonNode job) {
        JsonNode environment = job.path("environment");
        String name = environment.isTextual() ? environment.asText() : environment.path("name").asText("");
        if (!name.isEmpty()) {
            return List.of("repo:" + REPOSITORY + ":environment:" + name);
        }
        List<String> subjects = new ArrayList<>();
        JsonNode on = workflow.path("on");
        if (on.has("pull_request") || on.has("pull_request_target")) {
            subjects.add("repo:" + REPOSITORY + ":pull_request");
        }
        // A filter glob stands for a name it matches: v*.*.* for v1.1.1.
        on.path("push").path("branches").forEach(branch -> subjects.add(
                "repo:" + REPOSITORY + ":ref:refs/heads/" + branch.asText().replace("*", "1")));
        on.path("push").path("tags").forEach(tag -> subjects.add(
                "repo:" + REPOSITORY + ":ref:refs/tags/" + tag.asText().replace("*", "1")));
        return subjects;
    }

    /** ECR actions of every job that configures AWS credentials: its actions, its aws ecr calls and its scripts'. */
    private static SortedSet<String> ecrActionsCalled() throws IOException {
        SortedSet<String> actions = new TreeSet<>();
        for (String file : Workflows.fileNames()) {
            for (JsonNode job : Workflows.jobs(Workflows.read(file)).values()) {
                if (Workflows.stepsUsing(job, CONFIGURE_CREDENTIALS).isEmpty()) {
                    continue;
                }
                if (!Workflows.stepsUsing(job, "aws-actions/amazon-ecr-login").isEmpty()) {
                    actions.add("ecr:GetAuthorizationToken");
                }
                for (JsonNode build : Workflows.stepsUsing(job, "docker/build-push-action")) {
                    if (build.path("with").path("push").asBoolean(false)) {
                        actions.addAll(PUSH);
                    }
                }
                String scripts = Workflows.scripts(job);
                actions.addAll(ecrCalls(scripts));
                Matcher script = SCRIPT.matcher(scripts);
                while (script.find()) {
                    String text = Files.readString(RepositoryFiles.root().resolve(script.group(1)));
                    actions.addAll(ecrCalls(text));
                    if (text.contains("-Ppush-image")) {
                        actions.addAll(PUSH);
                    }
                }
            }
        }
        return actions;
    }

    /** The IAM actions of the {@code aws ecr some-command} calls in a script: ecr:SomeCommand. */
    private static List<String> ecrCalls(String script) {
        List<String> actions = new ArrayList<>();
        Matcher call = AWS_ECR_CALL.matcher(script);
        while (call.find()) {
            StringBuilder action = new StringBuilder("ecr:");
            for (String word : call.group(1).split("-")) {
                action.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
            actions.add(action.toString());
        }
        return actions;
    }

    // ---- what the Terraform grants ---------------------------------------------------------------------------

    /** Each ECR action of the role's policy document, with the resources expression of its statement. */
    private static Map<String, String> ecrGrants() throws IOException {
        String github = Files.readString(TERRAFORM.resolve("github.tf"));
        assertThat(github).as("the role gets the policy document").containsPattern(
                "resource \"aws_iam_role_policy\" \"github_deploy\" \\{[^}]*role\\s*=\\s*aws_iam_role\\.github_deploy"
                        + "\\.id[^}]*policy\\s*=\\s*data\\.aws_iam_policy_document\\.github_deploy\\.json");
        String document = block(github, "data \"aws_iam_policy_document\" \"github_deploy\"");
        Map<String, String> grants = new LinkedHashMap<>();
        Matcher statement = Pattern.compile("actions\\s*=\\s*\\[([^]]*)]\\s*resources\\s*=\\s*(.+)")
                .matcher(document);
        while (statement.find()) {
            Matcher action = Pattern.compile("\"([^\"]+)\"").matcher(statement.group(1));
            while (action.find()) {
                if (action.group(1).startsWith("ecr:")) {
                    grants.put(action.group(1), statement.group(2).strip());
                }
            }
        }
        return grants;
    }

    /** The subjects the role's trust policy accepts, as patterns (StringLike: * any run, ? one character). */
    private static List<Pattern> trustedSubjects() throws IOException {
        String github = Files.readString(TERRAFORM.resolve("github.tf"));
        String trust = block(github, "data \"aws_iam_policy_document\" \"github_assume\"");
        assertThat(trust).containsPattern("test\\s*=\\s*\"StringLike\"\\s*variable\\s*=\\s*"
                + "\"token\\.actions\\.githubusercontent\\.com:sub\"\\s*values\\s*=\\s*local\\.github_subjects");
        assertThat(github).containsPattern("assume_role_policy\\s*=\\s*data\\.aws_iam_policy_document\\.github_assume"
                + "\\.json");
        String variables = Files.readString(TERRAFORM.resolve("variables.tf"));
        List<Pattern> trusted = new ArrayList<>();
        Matcher loop = Pattern.compile("\\[for (\\w+) in var\\.(\\w+) : \"([^\"]+)\"]")
                .matcher(block(github, "locals"));
        while (loop.find()) {
            for (String value : defaults(variables, loop.group(2))) {
                String subject = loop.group(3).replace("${var.github_repository}", REPOSITORY)
                        .replace("${" + loop.group(1) + "}", value);
                trusted.add(Pattern.compile(Pattern.quote(subject).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q")));
            }
        }
        assertThat(trusted).as("subjects in local.github_subjects").isNotEmpty();
        return trusted;
    }

    /** The default of a list(string) variable. */
    private static List<String> defaults(String variables, String name) {
        Matcher list = Pattern.compile("default\\s*=\\s*\\[([^]]*)]")
                .matcher(block(variables, "variable \"" + name + "\""));
        assertThat(list.find()).as("a list default of var.%s", name).isTrue();
        List<String> values = new ArrayList<>();
        Matcher value = Pattern.compile("\"([^\"]*)\"").matcher(list.group(1));
        while (value.find()) {
            values.add(value.group(1));
        }
        return values;
    }

    /** A top-level block by its header: from the header to the closing brace at the start of a line. */
    private static String block(String hcl, String header) {
        int start = hcl.indexOf("\n" + header + " {");
        assertThat(start).as("a block %s", header).isNotNegative();
        int end = hcl.indexOf("\n}", start + 1);
        return hcl.substring(start, end);
    }
}
