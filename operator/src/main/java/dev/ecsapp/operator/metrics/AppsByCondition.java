package dev.ecsapp.operator.metrics;

import dev.ecsapp.operator.api.v1alpha1.Condition;
import dev.ecsapp.operator.api.v1alpha1.Conditions;
import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

// Kubernetes reads a condition that is not there as Unknown, so an app not reconciled yet counts as Unknown for the
// types every app reports: for each of them the statuses add up to the number of apps, which a dashboard relies on.
/** The apps gauge's numbers: EcsApps counted by condition type and status. */
public final class AppsByCondition {

    /** The condition types every app reports once reconciled, and the statuses a condition can have. */
    static final List<String> TYPES = List.of(Conditions.READY, Conditions.PROGRESSING, Conditions.DEGRADED);
    static final List<String> STATUSES = List.of(Conditions.TRUE, Conditions.FALSE, Conditions.UNKNOWN);

    private AppsByCondition() {
    }

    /** Type, then status, to count: every status of the types above (0 when no app has it), and any other type. */
    public static SortedMap<String, SortedMap<String, Long>> count(Stream<EcsApp> apps) {
        SortedMap<String, SortedMap<String, Long>> counts = new TreeMap<>();
        for (String type : TYPES) {
            SortedMap<String, Long> byStatus = counts.computeIfAbsent(type, t -> new TreeMap<>());
            STATUSES.forEach(status -> byStatus.put(status, 0L));
        }
        apps.forEach(app -> {
            Map<String, String> statusByType = new TreeMap<>();
            TYPES.forEach(type -> statusByType.put(type, Conditions.UNKNOWN));
            List<Condition> conditions = app.getStatus() == null ? List.of() : app.getStatus().conditions();
            for (Condition condition : conditions) {
                if (condition.type() != null && condition.status() != null) {
                    statusByType.put(condition.type(), condition.status());
                }
            }
            statusByType.forEach((type, status) -> counts.computeIfAbsent(type, t -> new TreeMap<>())
                    .merge(status, 1L, Long::sum));
        });
        return counts;
    }
}
