package dev.ecsapp.operator.desired;

// ALB evaluates rules lowest priority first and the first match wins, so a rule must come before every rule whose
// matches include all of its own. Each measure below can only stay or grow from a pattern to one within it: the
// inner's values all start with the outer's literal prefix (so the inner's own is no shorter) and hold the outer's
// dots, and an outer without * matches values of one length, which no pattern with * is within. So ordering bands by
// them never puts a rule after one that contains it; two such rules may share a band, where ListenerRuleOverlaps
// checks their places in it.
/** How specific a rule's conditions are, as a band: host first (exact, wildcard, none), then path; lower goes first. */
public final class ListenerRuleSpecificity {

    /** Literal path prefixes longer than this rank as this long: enough for /api/v1/customers/orders/items/. */
    static final int LONGEST_PREFIX = 31;
    /** Per prefix length, a path without * (one length of value) before one with. */
    static final int PATH_LEVELS = (LONGEST_PREFIX + 1) * 2;
    /** Wildcard hosts with more dots than this rank as this many. */
    static final int MOST_DOTS = 5;
    static final int EXACT_HOST = 0;
    /** Exact hosts, wildcard hosts by dots (MOST_DOTS down to 1), and no host at all. */
    static final int HOST_LEVELS = 1 + MOST_DOTS + 1;
    static final int NO_HOST = HOST_LEVELS - 1;
    public static final int BANDS = HOST_LEVELS * PATH_LEVELS;

    private ListenerRuleSpecificity() {
    }

    /**
     * The band of a rule: that of its least specific host and its least specific path, because a rule has one
     * priority and it must not come before a rule that is more specific than any of its values.
     */
    public static int band(RuleConditions conditions) {
        int host = conditions.hosts().stream().mapToInt(ListenerRuleSpecificity::hostLevel).max().orElse(NO_HOST);
        int path = conditions.pathPatterns().stream().mapToInt(ListenerRuleSpecificity::pathLevel).max()
                .orElse(pathLevel(RuleConditions.ANY_PATH));
        return host * PATH_LEVELS + path;
    }

    /** 0 for an exact host; then wildcard hosts, more dots first (*.team.example.com before *.example.com). */
    static int hostLevel(String host) {
        if (Wildcards.isExact(host)) {
            return EXACT_HOST;
        }
        int dots = (int) host.chars().filter(c -> c == '.').count();
        return 1 + MOST_DOTS - Math.max(1, Math.min(dots, MOST_DOTS));
    }

    /** 0 for the longest literal prefix; within a prefix length, a path without * first; /* near the end. */
    static int pathLevel(String path) {
        int prefix = Math.min(Wildcards.literalPrefixLength(path), LONGEST_PREFIX);
        return (LONGEST_PREFIX - prefix) * 2 + (Wildcards.hasStar(path) ? 1 : 0);
    }
}
