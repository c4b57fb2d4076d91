package dev.ecsapp.sandbox.aws.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsapp.sandbox.cli.AwsCli;
import dev.ecsapp.sandbox.SandboxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.CloudWatchLogsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroupClass;

/** CloudWatch Logs through the real {@link CloudWatchLogsClient} and the AWS CLI v2: log groups, retention, tags. */
class LogsContractTest {

    @RegisterExtension
    static SandboxExtension sandbox = new SandboxExtension();

    private CloudWatchLogsClient logs;

    @BeforeEach
    void client() {
        logs = sandbox.client(CloudWatchLogsClient.builder());
    }

    @AfterEach
    void close() {
        logs.close();
    }

    @Test
    void aNewLogGroupIsDescribedWithBothArnFormsAwsReturns() {
        logs.createLogGroup(r -> r.logGroupName("/ecs/web"));

        LogGroup group = logs.describeLogGroups().logGroups().get(0);

        assertThat(group.logGroupName()).isEqualTo("/ecs/web");
        assertThat(group.arn()).isEqualTo("arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web:*");
        assertThat(group.logGroupArn()).isEqualTo("arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web");
        assertThat(group.creationTime()).isPositive();
        assertThat(group.storedBytes()).isZero();
        assertThat(group.metricFilterCount()).isZero();
        assertThat(group.logGroupClass()).isEqualTo(LogGroupClass.STANDARD);
        assertThat(group.retentionInDays()).isNull();
    }

    @Test
    void creatingALogGroupTwiceIsRefused() {
        logs.createLogGroup(r -> r.logGroupName("/ecs/web"));

        assertAwsError(() -> logs.createLogGroup(r -> r.logGroupName("/ecs/web")), "ResourceAlreadyExistsException",
                "The specified log group already exists");
    }

    @Test
    void aLogGroupNameWithASpaceFailsThePattern() {
        assertAwsError(() -> logs.createLogGroup(r -> r.logGroupName("/ecs/web app")), "InvalidParameterException",
                "1 validation error detected: Value '/ecs/web app' at 'logGroupName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+");
    }

    @Test
    void describeLogGroupsFiltersByPrefix() {
        List.of("/ecs/web", "/ecs/api", "/lambda/job").forEach(name -> logs.createLogGroup(r -> r.logGroupName(name)));

        List<LogGroup> found = logs.describeLogGroups(r -> r.logGroupNamePrefix("/ecs/")).logGroups();

        assertThat(found).extracting(LogGroup::logGroupName).containsExactly("/ecs/api", "/ecs/web");
    }

    @Test
    void describeLogGroupsPagesInNameOrderWithLimitAndNextToken() {
        List.of("/g/5", "/g/3", "/g/1", "/g/4", "/g/2").forEach(name -> logs.createLogGroup(r -> r.logGroupName(name)));

        var first = logs.describeLogGroups(r -> r.limit(2));
        var second = logs.describeLogGroups(r -> r.limit(2).nextToken(first.nextToken()));

        assertThat(first.logGroups()).extracting(LogGroup::logGroupName).containsExactly("/g/1", "/g/2");
        assertThat(second.logGroups()).extracting(LogGroup::logGroupName).containsExactly("/g/3", "/g/4");
        assertThat(logs.describeLogGroupsPaginator(r -> r.limit(2)).logGroups().stream().map(LogGroup::logGroupName))
                .containsExactly("/g/1", "/g/2", "/g/3", "/g/4", "/g/5");
    }

    @Test
    void aLimitAbove50IsRefused() {
        assertAwsError(() -> logs.describeLogGroups(r -> r.limit(51)), "InvalidParameterException",
                "1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have "
                        + "value less than or equal to 50");
    }

    @Test
    void deletingAMissingLogGroupIsResourceNotFound() {
        assertAwsError(() -> logs.deleteLogGroup(r -> r.logGroupName("/ecs/gone")), "ResourceNotFoundException",
                "The specified log group does not exist.");
    }

    @Test
    void aDeletedLogGroupIsGone() {
        logs.createLogGroup(r -> r.logGroupName("/ecs/web"));

        logs.deleteLogGroup(r -> r.logGroupName("/ecs/web"));

        assertThat(logs.describeLogGroups().logGroups()).isEmpty();
    }

    @Test
    void aRetentionPolicyIsSetAndRemoved() {
        logs.createLogGroup(r -> r.logGroupName("/ecs/web"));

        logs.putRetentionPolicy(r -> r.logGroupName("/ecs/web").retentionInDays(14));
        Integer kept = logs.describeLogGroups().logGroups().get(0).retentionInDays();
        logs.deleteRetentionPolicy(r -> r.logGroupName("/ecs/web"));

        assertThat(kept).isEqualTo(14);
        assertThat(logs.describeLogGroups().logGroups().get(0).retentionInDays()).isNull();
    }

    @Test
    void aRetentionOfADayCountAwsDoesNotOfferIsRefused() {
        logs.createLogGroup(r -> r.logGroupName("/ecs/web"));

        assertAwsError(() -> logs.putRetentionPolicy(r -> r.logGroupName("/ecs/web").retentionInDays(2)),
                "InvalidParameterException", "1 validation error detected: Value '2' at 'retentionInDays' failed to "
                        + "satisfy constraint: Member must satisfy enum value set: [1, 3, 5, 7, 14, 30, 60, 90, 120, "
                        + "150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]");
    }

    @Test
    void aRetentionPolicyOnAMissingLogGroupIsResourceNotFound() {
        assertAwsError(() -> logs.putRetentionPolicy(r -> r.logGroupName("/ecs/gone").retentionInDays(7)),
                "ResourceNotFoundException", "The specified log group does not exist.");
    }

    @Test
    void tagsFromCreationAndTagResourceAreListedByArn() {
        logs.createLogGroup(r -> r.logGroupName("/ecs/web").tags(Map.of("team", "payments")));
        String arn = logs.describeLogGroups().logGroups().get(0).logGroupArn();

        logs.tagResource(r -> r.resourceArn(arn).tags(Map.of("env", "dev", "app", "web")));
        logs.untagResource(r -> r.resourceArn(arn).tagKeys("app"));

        assertThat(logs.listTagsForResource(r -> r.resourceArn(arn)).tags())
                .containsExactlyInAnyOrderEntriesOf(Map.of("team", "payments", "env", "dev"));
    }

    @Test
    void theOlderNameBasedTaggingApiSeesTheSameTags() {
        logs.createLogGroup(r -> r.logGroupName("/ecs/web"));

        logs.tagLogGroup(r -> r.logGroupName("/ecs/web").tags(Map.of("team", "payments", "env", "dev")));
        logs.untagLogGroup(r -> r.logGroupName("/ecs/web").tags("env"));

        assertThat(logs.listTagsLogGroup(r -> r.logGroupName("/ecs/web")).tags()).containsOnly(
                Map.entry("team", "payments"));
        assertThat(logs.listTagsForResource(r -> r.resourceArn(
                "arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web")).tags()).containsOnlyKeys("team");
    }

    @Test
    void listingTagsOfAMissingLogGroupIsResourceNotFound() {
        assertAwsError(() -> logs.listTagsForResource(r -> r.resourceArn(
                "arn:aws:logs:us-east-1:123456789012:log-group:/ecs/gone")), "ResourceNotFoundException",
                "The specified log group does not exist.");
    }

    @Test
    void aLogGroupWithDeletionProtectionIsDeletedOnlyOnceItIsOff() {
        logs.createLogGroup(r -> r.logGroupName("/ecs/web").deletionProtectionEnabled(true));

        assertAwsError(() -> logs.deleteLogGroup(r -> r.logGroupName("/ecs/web")), "ValidationException",
                "Cannot delete log group with deletion protection enabled. Disable deletion protection first.");

        logs.putLogGroupDeletionProtection(r -> r.logGroupIdentifier("/ecs/web").deletionProtectionEnabled(false));
        logs.deleteLogGroup(r -> r.logGroupName("/ecs/web"));

        assertThat(logs.describeLogGroups().logGroups()).isEmpty();
    }

    @Test
    void theStateDumpShowsEachLogGroupWithItsTags() throws Exception {
        logs.createLogGroup(r -> r.logGroupName("/ecs/web").tags(Map.of("team", "payments")));

        JsonNode state = new ObjectMapper().readTree(sandbox.control("GET", "state", ""));

        assertThat(state.at("/logs/logGroups/0/logGroupName").asText()).isEqualTo("/ecs/web");
        assertThat(state.at("/logs/logGroups/0/tags/team").asText()).isEqualTo("payments");
    }

    @Test
    void theAwsCliCreatesDescribesAndDeletesALogGroup() throws Exception {
        AwsCli aws = new AwsCli(sandbox.endpoint());

        aws.run("logs", "create-log-group", "--log-group-name", "/ecs/cli").json();
        JsonNode described = aws.run("logs", "describe-log-groups", "--log-group-name-prefix", "/ecs/").json();
        aws.run("logs", "delete-log-group", "--log-group-name", "/ecs/cli").json();
        JsonNode after = aws.run("logs", "describe-log-groups").json();

        assertThat(described.at("/logGroups/0/logGroupName").asText()).isEqualTo("/ecs/cli");
        assertThat(described.at("/logGroups/0/arn").asText())
                .isEqualTo("arn:aws:logs:us-east-1:123456789012:log-group:/ecs/cli:*");
        assertThat(after.path("logGroups")).isEmpty();
    }

    private static void assertAwsError(Runnable call, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(CloudWatchLogsException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
            assertThat(e.statusCode()).isEqualTo(400);
        });
    }
}
