package dev.ecsapp.operator.controller;

import static dev.ecsapp.operator.controller.OperatorOnSandbox.webApp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Once an app is Ready and nothing changed, its full reconciles (every 6 s here) only read. */
class NoOpResyncTest {

    private static final Logger LOG = Logger.getLogger(NoOpResyncTest.class.getName());

    @RegisterExtension
    static final OperatorOnSandbox SANDBOX = new OperatorOnSandbox();

    @Test
    void fullResyncsOfAReadyAppMakeNoMutatingAwsCall() {
        SANDBOX.create(webApp("steady", "nginx:1.27", "replicas: 2"));
        await().atMost(Duration.ofSeconds(90)).until(() -> SANDBOX.ready("steady"));
        // Let the rollout's tail (the last status patch, events) settle before counting.
        await().pollDelay(OperatorOnSandbox.POLL_WHEN_READY).atMost(Duration.ofSeconds(10))
                .until(() -> SANDBOX.ready("steady"));
        SANDBOX.clearCalls();

        // Three full reconciles at least (one every 6 s), and the service checks between them.
        Duration watched = OperatorOnSandbox.FULL_RESYNC.multipliedBy(3).plusSeconds(1);
        await().pollDelay(watched).atMost(watched.plusSeconds(5)).until(() -> SANDBOX.ready("steady"));

        Map<String, Long> calls = SANDBOX.callCounts();
        LOG.info("calls over " + watched.toSeconds() + " s of resyncs of one Ready app: " + calls);
        assertThat(calls.keySet()).noneMatch(OperatorOnSandbox::isWrite);
        // The full reconciles did happen: only they read the listener's rules.
        assertThat(calls.getOrDefault("elasticloadbalancing/DescribeRules", 0L)).isGreaterThanOrEqualTo(3);
    }
}
