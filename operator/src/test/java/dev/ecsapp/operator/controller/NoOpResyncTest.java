package dev.ecsapp.operator.controller;

import static dev.ecsapp.operator.controller.OperatorOnSandbox.webApp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Once an app is Ready and nothing changed, the operator's periodic resyncs only read. */
class NoOpResyncTest {

    private static final Logger LOG = Logger.getLogger(NoOpResyncTest.class.getName());
    private static final List<String> MUTATING = List.of("Create", "Update", "Register", "Modify", "Put", "Delete",
            "Tag", "Untag", "Deregister", "Set", "Add", "Remove");

    @RegisterExtension
    static final OperatorOnSandbox SANDBOX = new OperatorOnSandbox();

    @Test
    void resyncsOfAReadyAppMakeNoMutatingAwsCall() {
        SANDBOX.create(webApp("steady", "nginx:1.27", "replicas: 2"));
        await().atMost(Duration.ofSeconds(90)).until(() -> SANDBOX.ready("steady"));
        // Let the rollout's tail (the last status patch, events) settle before counting.
        await().pollDelay(OperatorOnSandbox.POLL_WHEN_READY).atMost(Duration.ofSeconds(10))
                .until(() -> SANDBOX.ready("steady"));
        SANDBOX.clearCalls();

        // Five resyncs at least: the operator looks again every 2 s once Ready.
        Duration watched = OperatorOnSandbox.POLL_WHEN_READY.multipliedBy(5).plusSeconds(1);
        await().pollDelay(watched).atMost(watched.plusSeconds(5)).until(() -> SANDBOX.ready("steady"));

        Map<String, Long> calls = okCalls(SANDBOX.calls());
        LOG.info("calls over " + watched.toSeconds() + " s of resyncs of one Ready app: " + calls);
        assertThat(calls.keySet()).noneMatch(NoOpResyncTest::mutating);
        assertThat(calls).isNotEmpty(); // the resyncs did happen, and did read
    }

    private static boolean mutating(String serviceAndAction) {
        String action = serviceAndAction.substring(serviceAndAction.indexOf('/') + 1);
        return MUTATING.stream().anyMatch(action::startsWith);
    }

    /** service/Action to how many calls of it succeeded (or failed: a failed write is a write tried). */
    private static Map<String, Long> okCalls(JsonNode calls) {
        Map<String, Long> counts = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> services = calls.fields(); services.hasNext(); ) {
            Map.Entry<String, JsonNode> service = services.next();
            for (Iterator<Map.Entry<String, JsonNode>> actions = service.getValue().fields(); actions.hasNext(); ) {
                Map.Entry<String, JsonNode> action = actions.next();
                long total = 0;
                for (JsonNode count : action.getValue()) {
                    total += count.asLong(0);
                }
                counts.put(service.getKey() + "/" + action.getKey(), total);
            }
        }
        return counts;
    }
}
