package dev.ecsapp.deploy.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsapp.operator.api.v1alpha1.Conditions;
import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import dev.ecsapp.operator.controller.OperatorOnSandbox;
import java.time.Duration;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real operator on the sandbox, through an app's whole life: every AWS action the sandbox served it must be one
 * the bytecode scan derived and one the policy grants. The sandbox does not evaluate IAM, so this checks the action
 * set, not the conditions.
 */
class PolicyCoversTheOperatorOnSandboxTest {

    @RegisterExtension
    static final OperatorOnSandbox SANDBOX = new OperatorOnSandbox();

    private static final Duration STEP = Duration.ofSeconds(120);
    private static final Pattern READ_ONLY = Pattern.compile(":(Describe|List|Get)[A-Za-z]*$");

    private static final String CREATED = """
            image: nginx:1.27
            repository:
              managed: true
              name: iam-check/web
            autoscaling:
              minReplicas: 1
              maxReplicas: 3
              targetCpuPercent: 50
            loadBalancer:
              pathPatterns: ["/iam-web/*"]
              healthCheck:
                intervalSeconds: 10
                healthyThreshold: 2
              deregistrationDelaySeconds: 10
            logRetentionDays: 7
            tags:
              team: platform
              cost-center: "42"
            """;

    // Every kind of resource changes in place, and the task definition gets a new revision: one spec change that
    // reaches every update path of every adapter.
    private static final String UPDATED = """
            image: nginx:1.27
            env:
              - name: GREETING
                value: hello
            repository:
              managed: true
              name: iam-check/web
              scanOnPush: false
              keepLastImages: 10
              tagMutability: IMMUTABLE
            autoscaling:
              minReplicas: 1
              maxReplicas: 4
              targetMemoryPercent: 60
            loadBalancer:
              pathPatterns: ["/iam/*"]
              priority: 700
              healthCheck:
                path: /ready
                intervalSeconds: 10
                healthyThreshold: 2
              deregistrationDelaySeconds: 5
            logRetentionDays: 14
            tags:
              team: web
            """;

    @Test
    void everyActionTheOperatorTakesThroughAnAppsLifeIsDerivedFromItsCodeAndGranted() {
        SortedSet<String> served = new TreeSet<>();
        // The fixture looked up the listener with the same clients; from here on only the operator calls AWS.
        SANDBOX.clearCalls();

        SANDBOX.create(OperatorOnSandbox.app("iam-web", CREATED));
        await().atMost(STEP).until(() -> readyAtCurrentGeneration("iam-web"));

        replaceSpec("iam-web", UPDATED);
        await().atMost(STEP).until(() -> readyAtCurrentGeneration("iam-web"));

        SANDBOX.control("POST", "metrics", """
                {"resourceId":"service/sandbox/default_iam-web","metric":"ECSServiceAverageMemoryUtilization",\
                "value":100}
                """);
        await().atMost(STEP).until(() -> SANDBOX.get("iam-web").getStatus().desiredCount() > 1);

        String repositoryUri = SANDBOX.get("iam-web").getStatus().repositoryUri();
        SANDBOX.setImage("iam-web", repositoryUri + ":never-pushed");
        await().atMost(STEP).until(() -> SANDBOX.condition("iam-web", Conditions.DEGRADED)
                .filter(c -> Conditions.TRUE.equals(c.status()) && c.message().contains("rolled back to"))
                .isPresent());

        delete("iam-web");
        await().atMost(STEP).until(() -> SANDBOX.get("iam-web") == null);
        assertThat(SANDBOX.service("iam-web")).as("deletionPolicy Delete removed the service").isEmpty();

        EcsApp kept = OperatorOnSandbox.app("iam-kept", """
                image: nginx:1.27
                replicas: 1
                loadBalancer:
                  pathPatterns: ["/iam-kept/*"]
                deletionPolicy: Retain
                """);
        SANDBOX.create(kept);
        await().atMost(STEP).until(() -> readyAtCurrentGeneration("iam-kept"));
        served.addAll(actions(SANDBOX.calls()));
        SANDBOX.clearCalls();
        delete("iam-kept");
        await().atMost(STEP).until(() -> SANDBOX.get("iam-kept") == null);
        SortedSet<String> retainDeletion = actions(SANDBOX.calls());
        assertThat(retainDeletion).as("deleting a Retain app changes nothing in AWS")
                .allMatch(action -> READ_ONLY.matcher(action).find());
        assertThat(SANDBOX.service("iam-kept")).as("deletionPolicy Retain kept the service").isPresent();
        served.addAll(retainDeletion);

        // What each step above must have made the operator do; a step that silently did nothing fails here rather
        // than shrinking what the policy is checked against.
        assertThat(served).contains(
                "ecr:CreateRepository", "logs:CreateLogGroup", "elasticloadbalancing:CreateTargetGroup",
                "elasticloadbalancing:CreateRule", "ecs:RegisterTaskDefinition", "ecs:CreateService",
                "application-autoscaling:RegisterScalableTarget", "application-autoscaling:PutScalingPolicy",
                "ecr:PutLifecyclePolicy", "ecr:PutImageTagMutability", "logs:PutRetentionPolicy",
                "elasticloadbalancing:ModifyTargetGroup", "elasticloadbalancing:ModifyRule",
                "elasticloadbalancing:SetRulePriorities", "ecs:UpdateService", "ecs:UntagResource",
                "application-autoscaling:DeleteScalingPolicy", "ecs:ListTasks", "ecs:DescribeTasks",
                "ecs:DeleteService", "ecs:DeregisterTaskDefinition", "elasticloadbalancing:DeleteRule",
                "elasticloadbalancing:DeleteTargetGroup", "logs:DeleteLogGroup", "ecr:DeleteRepository",
                "application-autoscaling:DeregisterScalableTarget");

        SortedSet<String> derived = new TreeSet<>(OperatorAwsCalls.scan().keySet());
        SortedSet<String> granted = OperatorPolicy.actions(OperatorPolicy.rendered());
        assertThat(derived).as("actions the bytecode scan derived").containsAll(served);
        assertThat(granted).as("actions deploy/iam/operator-policy.json grants").containsAll(served);
    }

    private static boolean readyAtCurrentGeneration(String name) {
        EcsApp app = SANDBOX.get(name);
        return app != null && app.getStatus() != null
                && app.getMetadata().getGeneration().equals(app.getStatus().observedGeneration())
                && SANDBOX.ready(name);
    }

    /** Replaces the whole spec, as {@code kubectl apply} of an edited manifest would. */
    private static void replaceSpec(String name, String specYaml) {
        EcsApp app = SANDBOX.get(name);
        app.setSpec(OperatorOnSandbox.app(name, specYaml).getSpec());
        SANDBOX.kubernetes().resource(app).update();
    }

    private static void delete(String name) {
        SANDBOX.kubernetes().resources(EcsApp.class).inNamespace(OperatorOnSandbox.NAMESPACE).withName(name).delete();
    }

    /** service:Action for every call the sandbox logged, whatever its outcome: a refused call needs permission too. */
    private static SortedSet<String> actions(JsonNode calls) {
        SortedSet<String> actions = new TreeSet<>();
        for (Map.Entry<String, JsonNode> service : calls.properties()) {
            for (Map.Entry<String, JsonNode> action : service.getValue().properties()) {
                actions.add(service.getKey() + ":" + action.getKey());
            }
        }
        return actions;
    }
}
