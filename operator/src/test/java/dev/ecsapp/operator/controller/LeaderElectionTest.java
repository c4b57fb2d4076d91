package dev.ecsapp.operator.controller;

import static dev.ecsapp.operator.controller.OperatorOnSandbox.webApp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsapp.operator.EcsAppOperator;
import dev.ecsapp.operator.config.OperatorConfig;
import dev.ecsapp.operator.metrics.OperatorMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two replicas with leader election: only the one holding the Lease reconciles; when it stops, the other takes the
 * Lease once it expires and carries on, and the stopping one does not exit the process (it stopped on purpose).
 */
class LeaderElectionTest {

    private static final Pattern RECONCILES =
            Pattern.compile("(?m)^ecsapp_reconciles_seconds_count\\{[^}]*} ([0-9.E]+)$");

    @RegisterExtension
    static final OperatorOnSandbox SANDBOX = new OperatorOnSandbox();

    @Test
    void onlyTheLeaderReconcilesAndTheOtherTakesOverWhenItStops() {
        SANDBOX.stopOperator(); // the extension's own operator runs without leader election
        OperatorConfig base = SANDBOX.config();
        OperatorConfig electing = new OperatorConfig(base.defaults(), base.pollWhileConverging(),
                base.pollWhenReady(), base.fullResync(), base.pollJitter(), false, 0, true, base.namespaces());
        OperatorMetrics firstMetrics = new OperatorMetrics();
        OperatorMetrics secondMetrics = new OperatorMetrics();
        EcsAppOperator first = new EcsAppOperator(electing, SANDBOX.kubernetes(), SANDBOX.aws(), firstMetrics,
                Clock.systemUTC());
        first.start();
        EcsAppOperator second = new EcsAppOperator(electing, SANDBOX.kubernetes(), SANDBOX.aws(), secondMetrics,
                Clock.systemUTC());
        // start() returns at once for a replica that does not get the Lease: it waits for it in the background.
        second.start();
        try {
            SANDBOX.create(webApp("elected", "nginx:1.27", "replicas: 1"));
            await().atMost(Duration.ofSeconds(90)).until(() -> SANDBOX.ready("elected"));
            assertThat(reconciles(firstMetrics)).isPositive();
            assertThat(reconciles(secondMetrics)).as("the replica without the Lease").isZero();

            first.close();
            SANDBOX.setImage("elected", "nginx:1.28");
            // The Lease is not released on stop (java-operator-sdk's choice): the other replica waits for it to
            // expire, 15 s by default, then reconciles the change.
            await().atMost(Duration.ofSeconds(90)).until(() -> reconciles(secondMetrics) > 0
                    && SANDBOX.ready("elected") && "nginx:1.28".equals(SANDBOX.get("elected").getStatus().image()));
        } finally {
            first.close();
            second.close();
        }
    }

    private static double reconciles(OperatorMetrics metrics) {
        double total = 0;
        Matcher line = RECONCILES.matcher(metrics.scrape());
        while (line.find()) {
            total += Double.parseDouble(line.group(1));
        }
        return total;
    }
}
