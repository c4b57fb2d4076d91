package dev.ecsapp.operator.status;

import dev.ecsapp.operator.api.v1alpha1.Condition;
import dev.ecsapp.operator.api.v1alpha1.EcsAppStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Whether a new status differs from the stored one in anything but transition times, so a patch is worth sending. */
public final class StatusDiff {

    private StatusDiff() {
    }

    /*
     * Transition times only move together with a status, so ignoring them loses no change; comparing them would
     * patch when a stored time was written with another precision. Condition order carries no meaning.
     */
    public static boolean equalsIgnoringTimestamps(EcsAppStatus stored, EcsAppStatus next) {
        if (stored == null || next == null) {
            return stored == next;
        }
        return Objects.equals(withoutTimes(stored), withoutTimes(next));
    }

    public static boolean differs(EcsAppStatus stored, EcsAppStatus next) {
        return !equalsIgnoringTimestamps(stored, next);
    }

    private static EcsAppStatus withoutTimes(EcsAppStatus status) {
        List<Condition> conditions = status.conditions().stream()
                .map(c -> new Condition(c.type(), c.status(), c.reason(), c.message(), null, c.observedGeneration()))
                .sorted(Comparator.comparing(Condition::type, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        return new EcsAppStatus(status.observedGeneration(), conditions, status.intent(), status.image(),
                status.repositoryUri(), status.resources(), status.desiredCount(), status.runningCount(),
                status.pendingCount(), status.rolloutState(), status.url());
    }
}
