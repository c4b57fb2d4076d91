package dev.ecsapp.deploy.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsapp.deploy.iam.OperatorPolicy.Statement;
import dev.ecsapp.operator.aws.AwsClients;
import dev.ecsapp.operator.desired.Ownership;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkClient;

/** deploy/iam/operator-policy.json grants what the operator's code calls, scoped as tightly as AWS allows. */
class OperatorPolicyTest {

    /**
     * Permissions AWS checks although no operator class calls the action; deploy/iam/README.md gives each its full
     * reason next to its statement.
     */
    static final Map<String, String> DOCUMENTED_EXTRAS = Map.of(
            // RegisterTaskDefinition hands the execution role and the task role to ECS: a PassRole check each.
            "iam:PassRole", "PassAppRolesToEcsTasks",
            // The first RegisterScalableTarget for an ECS service in an account creates Application Auto Scaling's
            // service-linked role with the caller's permission.
            "iam:CreateServiceLinkedRole", "ScalingServiceLinkedRole",
            // Application Auto Scaling checks that the caller may manage the CloudWatch alarms of a target-tracking
            // policy: it creates them on PutScalingPolicy, deletes them on DeleteScalingPolicy and
            // DeregisterScalableTarget, and reads them on each.
            "cloudwatch:PutMetricAlarm", "ScalingTargetTrackingAlarms",
            "cloudwatch:DeleteAlarms", "ScalingTargetTrackingAlarms",
            "cloudwatch:DescribeAlarms", "ScalingDescribeAlarms");

    /**
     * Actions IAM does not authorize at all, so a policy granting them would only mislead: STS answers
     * GetCallerIdentity for any valid credentials, even under an explicit deny.
     */
    static final Set<String> NEED_NO_PERMISSION = Set.of("sts:GetCallerIdentity");

    /** Statements that change something without an ownership-tag condition, each with its reason in the README. */
    private static final Set<String> MUTATING_WITHOUT_TAG_CONDITION = Set.of(
            "EcsDeregisterTaskDefinitions", "LogsCreateTagAndReadAppLogGroups", "PassAppRolesToEcsTasks",
            "ScalingTargetTrackingAlarms", "ScalingServiceLinkedRole");

    private static final Pattern READ_ONLY = Pattern.compile(":(Describe|List|Get)[A-Za-z]*$");

    private static SortedMap<String, SortedSet<String>> operatorCalls;
    private static List<Statement> policy;

    @BeforeAll
    static void readCodeAndPolicy() {
        operatorCalls = OperatorAwsCalls.scan();
        policy = OperatorPolicy.rendered();
    }

    @Test
    void thePolicyGrantsExactlyTheActionsTheOperatorCallsPlusTheDocumentedExtras() {
        SortedSet<String> needed = new TreeSet<>(operatorCalls.keySet());
        needed.removeAll(NEED_NO_PERMISSION);
        needed.addAll(DOCUMENTED_EXTRAS.keySet());

        SortedSet<String> granted = OperatorPolicy.actions(policy);

        SortedSet<String> missing = new TreeSet<>(needed);
        missing.removeAll(granted);
        SortedSet<String> unused = new TreeSet<>(granted);
        unused.removeAll(needed);
        assertThat(missing).as("called by the operator (%s) but not granted", operatorCalls).isEmpty();
        assertThat(unused).as("granted but neither called by the operator nor a documented extra").isEmpty();
    }

    @Test
    void theScanFindsCallsOnEveryClientTheOperatorBuilds() throws ReflectiveOperationException {
        // A scan that silently found nothing would make the equality above pass with an empty policy.
        Set<String> prefixes = operatorCalls.keySet().stream().map(action -> action.substring(0, action.indexOf(':')))
                .collect(Collectors.toSet());
        for (Field field : AwsClients.class.getDeclaredFields()) {
            if (SdkClient.class.isAssignableFrom(field.getType())) {
                String prefix = (String) field.getType().getField("SERVICE_NAME").get(null);
                assertThat(prefixes).as("actions found for %s", field.getType().getSimpleName()).contains(prefix);
            }
        }
    }

    @Test
    void theScanMapsClientMethodsToOperationsAndIgnoresTheRest() {
        String ecs = "software/amazon/awssdk/services/ecs/EcsClient";
        String logs = "software/amazon/awssdk/services/cloudwatchlogs/CloudWatchLogsClient";
        assertThat(OperatorAwsCalls.iamAction(new MethodReferences.Reference(ecs, "describeServices",
                "(Ljava/util/function/Consumer;)Lsoftware/amazon/awssdk/services/ecs/model/DescribeServicesResponse;")))
                .contains("ecs:DescribeServices");
        assertThat(OperatorAwsCalls.iamAction(new MethodReferences.Reference(logs, "describeLogGroupsPaginator",
                "(Ljava/util/function/Consumer;)Ljava/lang/Object;"))).contains("logs:DescribeLogGroups");
        assertThat(OperatorAwsCalls.iamAction(new MethodReferences.Reference(ecs, "close", "()V"))).isEmpty();
        assertThat(OperatorAwsCalls.iamAction(new MethodReferences.Reference(
                "software/amazon/awssdk/services/ecs/model/Service", "serviceName", "()Ljava/lang/String;")))
                .isEmpty();
    }

    @Test
    void everyStatementHasAUniqueSidAndARowInTheReadme() {
        List<String> sids = policy.stream().map(Statement::sid).toList();
        assertThat(sids).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(OperatorPolicy.readmeRows().keySet()).as("Sids in deploy/iam/README.md")
                .containsExactlyInAnyOrderElementsOf(sids);
    }

    @Test
    void everyDocumentedExtraIsGrantedByTheStatementNamedForIt() {
        DOCUMENTED_EXTRAS.forEach((action, sid) -> assertThat(policy)
                .filteredOn(statement -> sid.equals(statement.sid()))
                .as(sid).singleElement().satisfies(statement -> assertThat(statement.actions()).contains(action)));
    }

    @Test
    void everyChangeIsConditionedOnTheOperatorsOwnershipTagExceptTheStatementsListedWithTheirReasons() {
        String requestTag = "aws:RequestTag/" + Ownership.MANAGED_BY_TAG;
        String resourceTag = "aws:ResourceTag/" + Ownership.MANAGED_BY_TAG;
        SortedSet<String> unconditioned = new TreeSet<>();
        for (Statement statement : policy) {
            boolean changes = statement.actions().stream().anyMatch(action -> !READ_ONLY.matcher(action).find());
            boolean owned = statement.hasCondition("StringEquals", requestTag)
                    || statement.hasCondition("StringEquals", resourceTag);
            if (changes && !owned) {
                unconditioned.add(statement.sid());
            }
        }

        // Exactly the listed ones: a new unconditioned statement fails, and so does a listed one that gained a tag
        // condition (the list, and the README's reasons, would be stale).
        assertThat(unconditioned).containsExactlyInAnyOrderElementsOf(MUTATING_WITHOUT_TAG_CONDITION);
        assertThat(OperatorPolicy.readmeRows()).containsKeys(MUTATING_WITHOUT_TAG_CONDITION.toArray(String[]::new));
    }

    @Test
    void tagConditionsNameTheTagsTheOperatorPutsOnResources() {
        for (Statement statement : policy) {
            if (statement.condition() == null) {
                continue;
            }
            for (Map.Entry<String, JsonNode> operator : statement.condition().properties()) {
                for (Map.Entry<String, JsonNode> condition : operator.getValue().properties()) {
                    String key = condition.getKey();
                    if (key.startsWith("aws:RequestTag/") || key.startsWith("aws:ResourceTag/")) {
                        assertThat(key.substring(key.indexOf('/') + 1)).as(statement.sid())
                                .isEqualTo(Ownership.MANAGED_BY_TAG);
                        assertThat(condition.getValue().asText()).as(statement.sid()).isEqualTo(Ownership.MANAGED_BY);
                    }
                    if (key.equals("aws:TagKeys")) {
                        // Removing the ownership tags would take a resource out of the policy's reach.
                        assertThat(operator.getKey()).isEqualTo("ForAllValues:StringNotLike");
                        assertThat(condition.getValue().asText()).isEqualTo(Ownership.PREFIX + "*");
                    }
                }
            }
        }
    }

    @Test
    void untaggingCannotRemoveTheOwnershipTags() {
        assertThat(policy).filteredOn(statement -> statement.actions().stream()
                        .anyMatch(action -> action.endsWith(":UntagResource") || action.endsWith(":RemoveTags")))
                .isNotEmpty()
                .allSatisfy(statement -> assertThat(statement.hasCondition("ForAllValues:StringNotLike",
                        "aws:TagKeys")).as(statement.sid()).isTrue());
    }

    @Test
    void rolesCanBePassedOnlyToEcsTasksAndOnlyFromTheAppRolePath() {
        assertThat(policy).filteredOn(statement -> statement.actions().contains("iam:PassRole")).singleElement()
                .satisfies(statement -> {
                    assertThat(statement.condition().at("/StringEquals/iam:PassedToService").asText())
                            .isEqualTo("ecs-tasks.amazonaws.com");
                    assertThat(statement.resources()).containsExactly("arn:aws:iam::123456789012:role/ecsapp/apps/*");
                });
    }

    @Test
    void everyResourceArnBelongsToTheServiceOfItsActions() {
        Pattern arn = Pattern.compile("arn:aws:([a-z0-9-]+):(eu-west-1)?:123456789012:[^*]+.*");
        for (Statement statement : policy) {
            Set<String> prefixes = statement.actions().stream().map(a -> a.substring(0, a.indexOf(':')))
                    .collect(Collectors.toSet());
            for (String resource : statement.resources()) {
                if (resource.equals("*")) {
                    continue;
                }
                var m = arn.matcher(resource);
                assertThat(m.matches()).as("%s: %s is a full ARN of this account", statement.sid(), resource).isTrue();
                assertThat(prefixes).as("%s: %s", statement.sid(), resource).contains(m.group(1));
                assertThat(m.group(2) == null).as("%s: only IAM ARNs have no region", statement.sid())
                        .isEqualTo(m.group(1).equals("iam"));
            }
        }
    }

    @Test
    void everyStatementOnAllResourcesIsOneTheReadmeExplains() {
        Map<String, String> rows = OperatorPolicy.readmeRows();
        assertThat(policy).filteredOn(statement -> statement.resources().contains("*"))
                .allSatisfy(statement -> assertThat(rows.get(statement.sid())).as(statement.sid())
                        .containsIgnoringCase("no resource-level"));
    }

    @Test
    void theRenderedPolicyFitsInTheRolesInlinePolicyLimit() {
        // Terraform attaches it inline: IAM counts a role's inline policies without whitespace, at most 10,240
        // characters (a managed policy would allow only 6,144, which scoping every statement exceeds). Names are as
        // long as the Terraform variables allow, so the check holds for any foundation it can build.
        String longestName = "n".repeat(OperatorPolicy.TERRAFORM_NAME_MAX_LENGTH);
        String rendered = OperatorPolicy.render(OperatorPolicy.template(), Map.of("partition", "aws-us-gov",
                "region", "ap-southeast-4", "account_id", "123456789012", "cluster_name", longestName,
                "load_balancer_name", longestName, "app_role_path", "/" + longestName + "/apps/"));
        assertThat(rendered.replaceAll("\\s", "").length()).isLessThanOrEqualTo(10_240);
    }
}
