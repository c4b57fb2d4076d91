package dev.ecsapp.operator.controller;

import static dev.ecsapp.operator.controller.OperatorOnSandbox.webApp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Between full reconciles (none within these tests: every 10 minutes), Ready apps cost one DescribeServices per ten
 * apps a round, and an app whose service moved is reconciled at once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadyServiceCheckTest {

    private static final Logger LOG = Logger.getLogger(ReadyServiceCheckTest.class.getName());
    private static final int APPS = 12;

    @RegisterExtension
    static final OperatorOnSandbox SANDBOX = new OperatorOnSandbox(Duration.ofMinutes(10));

    @Test
    @Order(1)
    void twelveReadyAppsCostTwoDescribeServicesARoundAndNothingElse() {
        IntStream.range(0, APPS).forEach(i -> SANDBOX.create(webApp("app" + i, "nginx:1.27", "replicas: 1")));
        await().atMost(Duration.ofSeconds(120)).until(() -> IntStream.range(0, APPS)
                .allMatch(i -> SANDBOX.ready("app" + i)));
        // A round or two for the last status patches to settle.
        await().pollDelay(OperatorOnSandbox.POLL_WHEN_READY.multipliedBy(2)).atMost(Duration.ofSeconds(10))
                .until(() -> true);
        SANDBOX.clearCalls();

        int rounds = 5;
        Duration watched = OperatorOnSandbox.POLL_WHEN_READY.multipliedBy(rounds);
        await().pollDelay(watched).atMost(watched.plusSeconds(1)).until(() -> true);

        Map<String, Long> calls = SANDBOX.callCounts();
        LOG.info("calls over " + watched.toSeconds() + " s of checks of " + APPS + " Ready apps: " + calls);
        assertThat(calls.keySet()).as("only the batched service check runs").containsExactly("ecs/DescribeServices");
        long describes = calls.get("ecs/DescribeServices");
        // ceil(12 / 10) = 2 calls a round; one round more may fall inside the window.
        assertThat(describes).isBetween(2L * (rounds - 1), 2L * (rounds + 1));
    }

    @Test
    @Order(2)
    void aServiceChangedInAwsIsReconciledAtTheNextCheckNotAtTheNextFullResync() {
        long updatesBefore = SANDBOX.calls("ecs", "UpdateService");

        SANDBOX.aws().ecs().updateService(r -> r.cluster("sandbox").service("default_app3").desiredCount(4));

        await().atMost(Duration.ofSeconds(20)).until(() -> SANDBOX.service("app3").orElseThrow()
                .path("desiredCount").asInt() == 1);
        assertThat(SANDBOX.calls("ecs", "UpdateService") - updatesBefore).as("ours, then the operator's")
                .isEqualTo(2);
        await().atMost(Duration.ofSeconds(60)).until(() -> SANDBOX.ready("app3")
                && SANDBOX.get("app3").getStatus().runningCount() == 1);
    }
}
