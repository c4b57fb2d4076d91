package dev.ecsapp.sandbox.aws;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts calls by service, action and outcome ({@code ok} or the error code), as the control API reports them:
 * tests assert on it, for example that a no-op resync made no mutating call.
 */
public final class CallLog {

    private final Map<String, Map<String, Map<String, Long>>> counts = new TreeMap<>();

    public synchronized void record(String service, String action, String outcome) {
        counts.computeIfAbsent(service, s -> new TreeMap<>())
                .computeIfAbsent(action, a -> new TreeMap<>())
                .merge(outcome, 1L, Long::sum);
    }

    /** service → action → outcome → count, a copy. */
    public synchronized Map<String, Map<String, Map<String, Long>>> snapshot() {
        Map<String, Map<String, Map<String, Long>>> copy = new TreeMap<>();
        counts.forEach((service, actions) -> {
            Map<String, Map<String, Long>> actionsCopy = new TreeMap<>();
            actions.forEach((action, outcomes) -> actionsCopy.put(action, new TreeMap<>(outcomes)));
            copy.put(service, actionsCopy);
        });
        return copy;
    }

    public synchronized void clear() {
        counts.clear();
    }
}
