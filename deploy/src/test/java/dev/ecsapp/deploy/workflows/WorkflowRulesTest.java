package dev.ecsapp.deploy.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Rules every workflow keeps: read-only by default, OIDC only where AWS is used, timeouts, pinned actions. */
class WorkflowRulesTest {

    // owner/repo[/path]@vN[.N[.N]] or @<commit SHA>; a branch name would let anyone who can push there change the job.
    private static final Pattern PINNED = Pattern.compile("[\\w.-]+/[\\w./-]+@(v\\d+(\\.\\d+){0,2}|[0-9a-f]{40})");
    private static final String AWS_CREDENTIALS = "aws-actions/configure-aws-credentials";

    static List<String> workflows() {
        return Workflows.fileNames();
    }

    @Test
    void theCiAndReleaseWorkflowsAreThere() {
        assertThat(Workflows.fileNames()).contains(Workflows.CI, Workflows.RELEASE);
    }

    @ParameterizedTest
    @MethodSource("workflows")
    void theTopLevelPermissionsOnlyRead(String file) {
        JsonNode permissions = Workflows.read(file).path("permissions");

        assertThat(permissions.isObject()).as(file + " sets permissions per scope at the top").isTrue();
        assertThat(permissions.path("contents").asText()).isEqualTo("read");
        permissions.properties().forEach(scope -> assertThat(scope.getValue().asText())
                .as(file + ": top-level permission " + scope.getKey()).isIn("read", "none"));
    }

    @ParameterizedTest
    @MethodSource("workflows")
    void onlyJobsThatAssumeAnAwsRoleMayAskForAnOidcToken(String file) {
        Workflows.jobs(Workflows.read(file)).forEach((id, job) -> {
            boolean assumesRole = !Workflows.stepsUsing(job, AWS_CREDENTIALS).isEmpty();
            assertThat("write".equals(Workflows.permission(job, "id-token")))
                    .as(file + " job " + id + (assumesRole ? " assumes an AWS role but has no id-token: write"
                            : " has id-token: write but assumes no AWS role"))
                    .isEqualTo(assumesRole);
        });
    }

    @ParameterizedTest
    @MethodSource("workflows")
    void awsIsReachedWithARoleFromARepositoryVariableNotWithStoredKeys(String file) {
        Workflows.jobs(Workflows.read(file)).forEach((id, job) -> Workflows.stepsUsing(job, AWS_CREDENTIALS)
                .forEach(step -> {
                    JsonNode with = step.path("with");
                    assertThat(with.path("role-to-assume").asText()).as(file + " job " + id)
                            .startsWith("${{ vars.");
                    assertThat(with.has("aws-access-key-id")).as(file + " job " + id + " passes access keys")
                            .isFalse();
                }));
    }

    @ParameterizedTest
    @MethodSource("workflows")
    void everyJobHasATimeout(String file) {
        Workflows.jobs(Workflows.read(file)).forEach((id, job) -> {
            if (job.has("uses")) {
                // A job that calls a workflow cannot set one; the called workflow's jobs must.
                String called = job.path("uses").asText();
                assertThat(called).as(file + " job " + id).startsWith("./.github/workflows/");
                Workflows.jobs(Workflows.read(called.substring(called.lastIndexOf('/') + 1)))
                        .forEach((calledId, calledJob) -> assertTimeout(called, calledId, calledJob));
            } else {
                assertTimeout(file, id, job);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("workflows")
    void everyActionIsPinnedToAVersion(String file) {
        List<String> unpinned = new ArrayList<>();
        for (Map.Entry<String, JsonNode> job : Workflows.jobs(Workflows.read(file)).entrySet()) {
            for (JsonNode step : Workflows.steps(job.getValue())) {
                String action = step.path("uses").asText("");
                if (!action.isEmpty() && !action.startsWith("./") && !PINNED.matcher(action).matches()) {
                    unpinned.add(job.getKey() + ": " + action);
                }
            }
        }
        assertThat(unpinned).as(file).isEmpty();
    }

    private static void assertTimeout(String file, String id, JsonNode job) {
        JsonNode timeout = job.path("timeout-minutes");
        assertThat(timeout.isInt()).as(file + " job " + id + " has timeout-minutes").isTrue();
        assertThat(timeout.asInt()).as(file + " job " + id + " timeout-minutes").isBetween(1, 120);
    }
}
