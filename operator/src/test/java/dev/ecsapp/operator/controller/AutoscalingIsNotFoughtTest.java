package dev.ecsapp.operator.controller;

import static dev.ecsapp.operator.controller.OperatorOnSandbox.webApp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Under autoscaling the desired count is Application Auto Scaling's: the operator follows it, never resets it. */
class AutoscalingIsNotFoughtTest {

    @RegisterExtension
    static final OperatorOnSandbox SANDBOX = new OperatorOnSandbox();

    @Test
    void aCountRaisedByAutoscalingStaysAcrossResyncsAndShowsInStatus() {
        SANDBOX.create(webApp("busy", "nginx:1.27", """
                autoscaling:
                  minReplicas: 1
                  maxReplicas: 4
                  targetCpuPercent: 50
                """));
        await().atMost(Duration.ofSeconds(90)).until(() -> SANDBOX.ready("busy"));
        assertThat(SANDBOX.service("busy").orElseThrow().path("desiredCount").asInt()).isEqualTo(1);

        SANDBOX.control("POST", "metrics", """
                {"resourceId":"service/sandbox/default_busy","metric":"ECSServiceAverageCPUUtilization","value":100}
                """);

        await().atMost(Duration.ofSeconds(60)).until(() -> desiredCountInAws() == 4);
        // Several resyncs (every 2 s once Ready) pass; the count stays where autoscaling put it, and the operator
        // sends no UpdateService at all (so none with a desired count).
        SANDBOX.clearCalls();
        await().during(OperatorOnSandbox.POLL_WHEN_READY.multipliedBy(4)).atMost(Duration.ofSeconds(20))
                .until(() -> desiredCountInAws() == 4);
        assertThat(SANDBOX.calls("ecs", "UpdateService")).isZero();
        assertThat(SANDBOX.calls("ecs", "DescribeServices")).as("the resyncs happened").isPositive();
        await().atMost(Duration.ofSeconds(60)).until(() -> SANDBOX.ready("busy")
                && SANDBOX.get("busy").getStatus().desiredCount() == 4
                && SANDBOX.get("busy").getStatus().runningCount() == 4);
        assertThat(desiredCountInAws()).isEqualTo(4);
    }

    private static int desiredCountInAws() {
        return SANDBOX.service("busy").orElseThrow().path("desiredCount").asInt();
    }
}
