package dev.ecsapp.operator.desired;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

// Two (host, path) alternatives of two rules that a request can match both are decided by specificity when one lies
// within the other: hosts first (a host within the other's host, any path), then, for the same host, the paths.
// Identical ones, and ones that cross (/a/* and /*/b), are not: which app gets the requests would depend on priority
// numbers, not on what the apps asked for. Decided ones must also be in that order on the listener; for two
// priorities the operator chose the bands make it so, except within one band (or when a rule's paths fall in
// different bands), which is what the order check is for. An explicit priority is a deliberate order (kept to the
// namespaces --priority-namespaces names), and a rule outside its band has yet to be moved into it and is checked
// when it is: neither is second-guessed here. Rules without an owner tag were made outside the operator and are
// left out.
/** Finds another app's rule on the listener that overlaps this app's where specificity does not order them. */
public final class ListenerRuleOverlaps {

    /** Another rule of the listener as ELBv2 shows it; owner is empty for a rule the operator did not make. */
    public record OtherRule(String owner, int priority, RuleConditions conditions) {
    }

    /** How the overlap goes wrong. */
    public enum Kind {
        /** The same requests: neither is more specific. */
        SAME,
        /** Some requests match both and neither lies within the other. */
        CROSSING,
        /** One is more specific, but the other would be evaluated first. */
        MISORDERED
    }

    /**
     * One overlap: the app's value and the field that holds it, the other rule's value, its owner and priority.
     *
     * @param mineFirst for MISORDERED, whether this app's rule is the more specific one
     */
    public record Overlap(Kind kind, String field, String value, String otherOwner, String otherValue,
            int otherPriority, int priority, boolean mineFirst) {

        /** What the condition says: the field, the other app, why, and what to do. */
        public String message() {
            String other = "\"" + otherValue + "\" of the rule of app " + otherOwner + " (priority " + otherPriority
                    + ")";
            return switch (kind) {
                case SAME -> field + " \"" + value + "\" matches the same requests as " + other + ", so which app gets "
                        + "them would depend on priority numbers, not on what the apps ask for: give one of the two "
                        + "apps another path or host";
                case CROSSING -> field + " \"" + value + "\" overlaps " + other + ": some requests match both and "
                        + "neither lies within the other, so specificity cannot say which app gets them: narrow one "
                        + "of them so that they no longer overlap, or so that one lies within the other";
                case MISORDERED -> field + " \"" + value + "\" is " + (mineFirst ? "more" : "less") + " specific than "
                        + other + ", but this app's rule would be evaluated " + (mineFirst ? "after" : "before")
                        + " it (priority " + priority + "; a rule's least specific path and host choose its band, "
                        + "and the app's name its place in the band): set spec.loadBalancer.priority "
                        + (mineFirst ? "below " : "above ") + otherPriority + " to order them yourself, or change "
                        + "the paths or hosts so that they do not overlap";
            };
        }
    }

    private ListenerRuleOverlaps() {
    }

    /**
     * The first overlap of this app's rule with another's, others taken in priority order, or empty.
     *
     * @param mine     this app's conditions, as the spec writes them (the fields are named by their index)
     * @param priority the priority this app's rule gets
     * @param chosen   whether the operator chose that priority (no spec.loadBalancer.priority)
     * @param others   the listener's other rules
     */
    public static Optional<Overlap> find(RuleConditions mine, int priority, boolean chosen, List<OtherRule> others) {
        return others.stream().filter(other -> !other.owner().isEmpty())
                .sorted(Comparator.comparingInt(OtherRule::priority))
                .flatMap(other -> mine.alternatives().stream().flatMap(a -> other.conditions().alternatives()
                        .stream().map(b -> overlap(a, priority, chosen, other, b))))
                .flatMap(Optional::stream).findFirst();
    }

    /** Where a pattern stands to another that a request can match with it. */
    private enum Relation { EQUAL, INSIDE, AROUND, CROSSING }

    /** Alternative a of this app's rule against alternative b of the other rule. */
    private static Optional<Overlap> overlap(RuleConditions.Alternative a, int priority, boolean chosen,
            OtherRule other, RuleConditions.Alternative b) {
        String hostA = a.hostKey();
        String hostB = b.hostKey();
        boolean hostsOverlap = hostA == null || hostB == null || Wildcards.overlap(hostA, hostB);
        if (!hostsOverlap || !Wildcards.overlap(a.path(), b.path())) {
            return Optional.empty();
        }
        Relation hosts = relation(hostA, hostB);
        boolean byHost = hosts != Relation.EQUAL;
        Relation relation = byHost ? hosts : relation(a.path(), b.path());
        // Name the value that decides (or fails to): the host when the hosts differ, else the path; a rule without
        // a path condition has only its host to name, one without a host only its path.
        String field;
        String value;
        if (byHost && a.hostIndex() >= 0 || a.pathIndex() < 0) {
            field = "spec.loadBalancer.hosts[" + a.hostIndex() + "]";
            value = a.host();
        } else {
            field = "spec.loadBalancer.pathPatterns[" + a.pathIndex() + "]";
            value = a.path();
        }
        String otherValue = (b.host() == null ? "" : b.host()) + (b.pathIndex() < 0 ? "" : b.path());
        if (relation == Relation.EQUAL || relation == Relation.CROSSING) {
            return Optional.of(new Overlap(relation == Relation.EQUAL ? Kind.SAME : Kind.CROSSING, field, value,
                    other.owner(), otherValue, other.priority(), priority, false));
        }
        boolean mineFirst = relation == Relation.INSIDE;
        boolean bothChosen = chosen && ListenerRulePriorities.bandOf(other.conditions()).contains(other.priority());
        if (bothChosen && mineFirst != priority < other.priority()) {
            return Optional.of(new Overlap(Kind.MISORDERED, field, value, other.owner(), otherValue,
                    other.priority(), priority, mineFirst));
        }
        return Optional.empty();
    }

    /** Null is any host. */
    private static Relation relation(String a, String b) {
        if (a == null || b == null) {
            return a == null && b == null ? Relation.EQUAL : a == null ? Relation.AROUND : Relation.INSIDE;
        }
        boolean inside = Wildcards.covers(b, a);
        boolean around = Wildcards.covers(a, b);
        if (inside && around) {
            return Relation.EQUAL;
        }
        return inside ? Relation.INSIDE : around ? Relation.AROUND : Relation.CROSSING;
    }
}
