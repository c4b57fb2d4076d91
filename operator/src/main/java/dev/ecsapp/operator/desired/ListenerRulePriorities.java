package dev.ecsapp.operator.desired;

import java.util.OptionalInt;
import java.util.Set;

// A priority derived from the identity and moved up past taken ones is the same after a restart, and two operators
// racing for one listener rarely pick the same number.
/** Chooses the priority of an app's listener rule: asked for, kept, or derived from the app's identity. */
public final class ListenerRulePriorities {

    public static final int MAX = 50_000;
    /** Chosen priorities start here, leaving 1-999 to apps that must be evaluated before the others. */
    public static final int FIRST_CHOSEN = 1_000;

    /** The outcome: a priority to use, or why there is none. */
    public sealed interface Allocation {
    }

    public record Allocated(int priority) implements Allocation {
    }

    /** Terminal until the user picks another priority or frees this one. */
    public record Taken(int priority) implements Allocation {
    }

    /** Every priority from FIRST_CHOSEN to MAX is in use. */
    public record Exhausted() implements Allocation {
    }

    private ListenerRulePriorities() {
    }

    /**
     * @param requested   the app's loadBalancer.priority, if any
     * @param current     the priority of the app's existing rule (found by its owner tag), if any
     * @param takenByOthers priorities of the listener's other rules, not the app's own
     */
    public static Allocation allocate(OptionalInt requested, OptionalInt current, Set<Integer> takenByOthers,
            AppIdentity app) {
        if (requested.isPresent()) {
            int priority = requested.getAsInt();
            return takenByOthers.contains(priority) ? new Taken(priority) : new Allocated(priority);
        }
        if (current.isPresent() && !takenByOthers.contains(current.getAsInt())) {
            return new Allocated(current.getAsInt());
        }
        int range = MAX - FIRST_CHOSEN + 1;
        int start = (int) (Long.parseLong(app.hash(8), 16) % range);
        for (int step = 0; step < range; step++) {
            int priority = FIRST_CHOSEN + (start + step) % range;
            if (!takenByOthers.contains(priority)) {
                return new Allocated(priority);
            }
        }
        return new Exhausted();
    }
}
