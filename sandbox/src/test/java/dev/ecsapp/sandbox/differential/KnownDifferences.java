package dev.ecsapp.sandbox.differential;

import java.util.ArrayList;
import java.util.List;

/**
 * Every difference between the sandbox's answers and moto's that has been judged: which one matches real AWS, and
 * the AWS documentation that says so. A difference not listed here fails the build; an entry that no longer occurs
 * fails it too; the README's table must list each one (see {@link KnownDifferencesDocumentedTest}).
 */
final class KnownDifferences {

    /** Who is right. */
    enum Verdict {
        SANDBOX_MATCHES_AWS("sandbox"), MOTO_MATCHES_AWS("moto");

        final String text;

        Verdict(String text) {
            this.text = text;
        }
    }

    record Known(String scenario, String path, Verdict verdict, String why) {
        /** The row the README's table carries for this difference. */
        String readmeRow() {
            return "| " + scenario + " | `" + path + "` | " + verdict.text + " | " + why + " |";
        }
    }

    private KnownDifferences() {
    }

    private static final String REGISTER = "ecs register-task-definition";
    private static final String CREATE_SERVICE = "ecs create-service";
    private static final String TASK_DEFINITION_DEFAULTS = "ECS API reference, PortMapping: with awsvpc the host port "
            + "is the container port, protocol defaults to tcp; DescribeTaskDefinition returns them";
    private static final String TASK_DEFINITION_FIELDS = "ECS API reference, TaskDefinition: registeredAt, "
            + "registeredBy and requiresAttributes are returned";
    private static final String CREATE_SERVICE_EXAMPLE = "ECS API reference, CreateService, example response for "
            + "Fargate";

    static final List<Known> ALL = build();

    private static List<Known> build() {
        List<Known> all = new ArrayList<>();
        all.add(new Known("sts get-caller-identity", "Arn", Verdict.SANDBOX_MATCHES_AWS,
                "STS API reference, GetCallerIdentity: an IAM user's ARN is arn:aws:iam::ACCOUNT:user/NAME"));
        all.add(new Known("sts get-caller-identity", "UserId", Verdict.SANDBOX_MATCHES_AWS,
                "STS API reference, GetCallerIdentity: UserId is the user's unique ID (AIDA...), not the access key"));
        for (String prefix : List.of("", "2 register.")) {
            String scenario = prefix.isEmpty() ? REGISTER : CREATE_SERVICE;
            String td = prefix + "taskDefinition.";
            all.add(new Known(scenario, td + "containerDefinitions[0].portMappings[0].hostPort",
                    Verdict.SANDBOX_MATCHES_AWS, TASK_DEFINITION_DEFAULTS));
            all.add(new Known(scenario, td + "containerDefinitions[0].portMappings[0].protocol",
                    Verdict.SANDBOX_MATCHES_AWS, TASK_DEFINITION_DEFAULTS));
            all.add(new Known(scenario, td + "registeredAt", Verdict.SANDBOX_MATCHES_AWS, TASK_DEFINITION_FIELDS));
            all.add(new Known(scenario, td + "registeredBy", Verdict.SANDBOX_MATCHES_AWS, TASK_DEFINITION_FIELDS));
            all.add(new Known(scenario, td + "requiresAttributes", Verdict.SANDBOX_MATCHES_AWS,
                    TASK_DEFINITION_FIELDS));
        }
        String fargate = "ecs register-task-definition with a size Fargate does not offer";
        String sizes = "ECS developer guide, task CPU and memory: 256 CPU allows 512, 1024 or 2048 MiB; ECS answers "
                + "ClientException \"No Fargate configuration exists for given values\" (moto does not validate)";
        all.add(new Known(fargate, "error", Verdict.SANDBOX_MATCHES_AWS, sizes));
        all.add(new Known(fargate, "taskDefinition", Verdict.SANDBOX_MATCHES_AWS, sizes));
        String s = "3 create.service.";
        for (String field : List.of("createdAt", "createdBy", "deploymentConfiguration", "deployments[0].platformVersion",
                "enableECSManagedTags", "enableExecuteCommand", "placementConstraints", "placementStrategy",
                "platformFamily", "platformVersion", "roleArn")) {
            all.add(new Known(CREATE_SERVICE, s + field, Verdict.SANDBOX_MATCHES_AWS, CREATE_SERVICE_EXAMPLE
                    + " includes it"));
        }
        all.add(new Known(CREATE_SERVICE, s + "deployments[0].platformFamily", Verdict.SANDBOX_MATCHES_AWS,
                CREATE_SERVICE_EXAMPLE + ": platformFamily is the OS family, Linux"));
        all.add(new Known(CREATE_SERVICE, s + "deployments[0].rolloutState", Verdict.SANDBOX_MATCHES_AWS,
                CREATE_SERVICE_EXAMPLE + ": a new deployment starts IN_PROGRESS (moto completes it at once)"));
        all.add(new Known(CREATE_SERVICE, s + "deployments[0].rolloutStateReason", Verdict.SANDBOX_MATCHES_AWS,
                CREATE_SERVICE_EXAMPLE + ": \"ECS deployment ecs-svc/... in progress.\""));
        all.add(new Known(CREATE_SERVICE, s + "tags", Verdict.SANDBOX_MATCHES_AWS,
                "ECS API reference, DescribeServices: tags are returned only with include TAGS"));
        all.add(new Known(CREATE_SERVICE, s + "taskSets", Verdict.SANDBOX_MATCHES_AWS,
                "ECS API reference, Service: taskSets exist only for the EXTERNAL and CODE_DEPLOY controllers"));
        all.add(new Known(CREATE_SERVICE, "4 describe missing.failures[0].arn", Verdict.SANDBOX_MATCHES_AWS,
                "ECS developer guide, ARNs and IDs: service ARNs are in the long format service/CLUSTER/NAME"));
        String logs = "logs create-log-group then describe";
        all.add(new Known(logs, "2 describe.logGroups[0].deletionProtectionEnabled", Verdict.SANDBOX_MATCHES_AWS,
                "CloudWatch Logs API reference, LogGroup: deletionProtectionEnabled is returned"));
        all.add(new Known(logs, "2 describe.logGroups[0].logGroupClass", Verdict.SANDBOX_MATCHES_AWS,
                "CloudWatch Logs API reference, LogGroup: logGroupClass, STANDARD by default"));
        all.add(new Known("logs put-retention-policy with days CloudWatch does not offer", "error",
                Verdict.SANDBOX_MATCHES_AWS, "CloudWatch Logs API reference, PutRetentionPolicy: retentionInDays "
                + "takes only the listed values (moto accepts any)"));
        String rule = "elbv2 create-target-group and a rule whose priority is taken";
        String ruleShape = "ELBv2 API reference, Rule and Action: AWS returns the action's Order and ForwardConfig "
                + "and each condition's typed config beside Values";
        all.add(new Known(rule, "2 rule.Rules[0].Actions[0].ForwardConfig", Verdict.SANDBOX_MATCHES_AWS, ruleShape));
        all.add(new Known(rule, "2 rule.Rules[0].Actions[0].Order", Verdict.SANDBOX_MATCHES_AWS, ruleShape));
        all.add(new Known(rule, "2 rule.Rules[0].Conditions[0].PathPatternConfig", Verdict.SANDBOX_MATCHES_AWS,
                ruleShape));
        all.add(new Known(rule, "3 same priority.error.message", Verdict.SANDBOX_MATCHES_AWS,
                "ELBv2 API reference, CreateRule: PriorityInUse; the wording is the one real ELBv2 answers carry"));
        all.add(new Known(rule, "4 delete target group in use.error.message", Verdict.SANDBOX_MATCHES_AWS,
                "ELBv2 API reference, DeleteTargetGroup: ResourceInUse; the wording is the one real ELBv2 answers "
                + "carry"));
        return List.copyOf(all);
    }
}
