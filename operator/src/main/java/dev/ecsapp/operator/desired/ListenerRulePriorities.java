package dev.ecsapp.operator.desired;

import java.util.OptionalInt;
import java.util.Set;

// The number depends on the rule's conditions (its band) and the app's identity (where in the band to start) and on
// nothing else but the priorities already taken, so a restart finds the same one, and the bands keep any two rules
// the operator chose in the order of their specificity. A rule already within its band keeps its number even when
// the search would now end elsewhere (another rule went): moving it would change nothing a request sees.
/** Chooses the priority of an app's listener rule: asked for, or in the band of its conditions' specificity. */
public final class ListenerRulePriorities {

    public static final int MAX = 50_000;
    /** Chosen priorities start here, leaving 1-999 to explicit priorities and to rules made outside the operator. */
    public static final int FIRST_CHOSEN = 1_000;
    /** 109 priorities a band: more than the 100 rules a load balancer takes unless its quota is raised. */
    public static final int BAND_WIDTH = (MAX - FIRST_CHOSEN + 1) / ListenerRuleSpecificity.BANDS;

    /** The outcome: a priority to use, or why there is none. */
    public sealed interface Allocation {
    }

    public record Allocated(int priority) implements Allocation {
    }

    /** Terminal until the user picks another priority or frees this one. */
    public record Taken(int priority) implements Allocation {
    }

    /** Every priority of the rule's band is in use by rules as specific as this one. */
    public record Exhausted(Band band) implements Allocation {
    }

    /** The priorities, first to last, the operator chooses from for rules of one specificity. */
    public record Band(int first, int last) {

        public boolean contains(int priority) {
            return priority >= first && priority <= last;
        }
    }

    private ListenerRulePriorities() {
    }

    public static Band bandOf(RuleConditions conditions) {
        int first = FIRST_CHOSEN + ListenerRuleSpecificity.band(conditions) * BAND_WIDTH;
        return new Band(first, first + BAND_WIDTH - 1);
    }

    /**
     * @param requested     the app's loadBalancer.priority, if any
     * @param current       the priority of the app's existing rule (found by its owner tag), if any
     * @param takenByOthers priorities of the listener's other rules, not the app's own
     * @param conditions    the app's paths and hosts, which choose the band
     */
    public static Allocation allocate(OptionalInt requested, OptionalInt current, Set<Integer> takenByOthers,
            AppIdentity app, RuleConditions conditions) {
        if (requested.isPresent()) {
            int priority = requested.getAsInt();
            return takenByOthers.contains(priority) ? new Taken(priority) : new Allocated(priority);
        }
        Band band = bandOf(conditions);
        // A rule outside its band (an explicit priority given up, the conditions changed, or made by an operator
        // that hashed the app's name alone) moves into it.
        if (current.isPresent() && band.contains(current.getAsInt()) && !takenByOthers.contains(current.getAsInt())) {
            return new Allocated(current.getAsInt());
        }
        int start = (int) (Long.parseLong(app.hash(8), 16) % BAND_WIDTH);
        for (int step = 0; step < BAND_WIDTH; step++) {
            int priority = band.first() + (start + step) % BAND_WIDTH;
            if (!takenByOthers.contains(priority)) {
                return new Allocated(priority);
            }
        }
        return new Exhausted(band);
    }
}
