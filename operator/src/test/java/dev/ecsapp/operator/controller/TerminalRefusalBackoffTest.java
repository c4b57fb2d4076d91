package dev.ecsapp.operator.controller;

import static dev.ecsapp.operator.controller.OperatorOnSandbox.webApp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsapp.operator.api.v1alpha1.Condition;
import dev.ecsapp.operator.api.v1alpha1.Conditions;
import java.time.Duration;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An app AWS refuses for good is tried again ever less often, up to the full resync, and says it is Stalled. */
class TerminalRefusalBackoffTest {

    private static final Logger LOG = Logger.getLogger(TerminalRefusalBackoffTest.class.getName());

    @RegisterExtension
    static final OperatorOnSandbox SANDBOX = new OperatorOnSandbox();

    @Test
    void anAppAwsRefusesForGoodIsTriedAgainEverLessOftenAndStalls() {
        SANDBOX.control("POST", "faults", """
                {"service":"ecs","action":"CreateService","errorCode":"InvalidParameterException","status":400,
                 "message":"injected refusal","rate":1.0}""");
        long attempts;
        Duration watched = Duration.ofSeconds(20);
        try {
            SANDBOX.clearCalls();
            SANDBOX.create(webApp("refused", "nginx:1.27", "replicas: 1"));
            await().atMost(Duration.ofSeconds(30)).until(() -> SANDBOX.calls().path("ecs").path("CreateService")
                    .path("InvalidParameterException").asLong(0) > 0);
            long firstAttemptSeen = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).until(() -> SANDBOX.isTrue("refused", Conditions.STALLED));
            await().pollDelay(watched.minusNanos(System.nanoTime() - firstAttemptSeen)).atMost(watched.plusSeconds(1))
                    .until(() -> true);
            attempts = SANDBOX.callCounts().getOrDefault("ecs/CreateService", 0L);
        } finally {
            SANDBOX.control("DELETE", "faults", "");
        }
        // Without jitter (these tests have none) the looks after a refusal wait the Ready poll (2 s), doubling each
        // time up to the full resync (6 s): attempts at 0, 2, 6, 12 and 18 s, five in 20 s. One more is allowed for
        // a reconcile another event triggered. Refused at every Ready poll it would be eleven.
        LOG.info("CreateService attempts in " + watched.toSeconds() + " s of a terminal refusal: " + attempts + " "
                + SANDBOX.calls().path("ecs").path("CreateService"));
        assertThat(attempts).isBetween(3L, 6L);
        Condition degraded = SANDBOX.condition("refused", Conditions.DEGRADED).orElseThrow();
        assertThat(degraded.reason()).isEqualTo(Conditions.REASON_AWS_REJECTED);
        assertThat(degraded.message()).contains("injected refusal");
    }
}
