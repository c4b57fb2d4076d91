package dev.ecsapp.operator.controller;

import static dev.ecsapp.operator.controller.OperatorOnSandbox.webApp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * Someone changes an app's AWS resources behind the operator's back (the console, a script): the next resync puts
 * them back as the spec says, and the app is Ready again.
 */
class DriftIsRevertedTest {

    @RegisterExtension
    static final OperatorOnSandbox SANDBOX = new OperatorOnSandbox();

    @Test
    void aDesiredCountChangedInAwsIsPutBackToTheSpecsReplicas() {
        SANDBOX.create(webApp("counted", "nginx:1.27", "replicas: 2"));
        await().atMost(Duration.ofSeconds(90)).until(() -> SANDBOX.ready("counted"));

        long updatesBefore = SANDBOX.calls("ecs", "UpdateService");

        int drifted = SANDBOX.aws().ecs().updateService(r -> r.cluster("sandbox").service("default_counted")
                .desiredCount(5)).service().desiredCount();

        assertThat(drifted).isEqualTo(5);

        await().atMost(Duration.ofSeconds(30)).until(() -> SANDBOX.service("counted").orElseThrow()
                .path("desiredCount").asInt() == 2);
        await().atMost(Duration.ofSeconds(90)).until(() -> SANDBOX.ready("counted")
                && SANDBOX.get("counted").getStatus().desiredCount() == 2
                && SANDBOX.get("counted").getStatus().runningCount() == 2);
        assertThat(SANDBOX.calls("ecs", "UpdateService") - updatesBefore).as("ours and the operator's")
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void aHealthCheckPathChangedInAwsIsPutBackToTheSpecs() {
        SANDBOX.create(webApp("checked", "nginx:1.27", "replicas: 1"));
        await().atMost(Duration.ofSeconds(90)).until(() -> SANDBOX.ready("checked"));
        String targetGroupArn = SANDBOX.get("checked").getStatus().resources().targetGroupArn();
        String specPath = targetGroup(targetGroupArn).healthCheckPath();

        long modifiesBefore = SANDBOX.calls("elasticloadbalancing", "ModifyTargetGroup");

        String drifted = SANDBOX.aws().elb().modifyTargetGroup(r -> r.targetGroupArn(targetGroupArn)
                .healthCheckPath("/drifted")).targetGroups().get(0).healthCheckPath();

        assertThat(drifted).isEqualTo("/drifted");

        await().atMost(Duration.ofSeconds(30)).until(() -> specPath.equals(targetGroup(targetGroupArn)
                .healthCheckPath()));
        await().atMost(Duration.ofSeconds(60)).until(() -> SANDBOX.ready("checked"));
        assertThat(SANDBOX.calls("elasticloadbalancing", "ModifyTargetGroup") - modifiesBefore)
                .as("ours and the operator's").isGreaterThanOrEqualTo(2);
    }

    private static TargetGroup targetGroup(String arn) {
        return SANDBOX.aws().elb().describeTargetGroups(r -> r.targetGroupArns(arn)).targetGroups().get(0);
    }
}
