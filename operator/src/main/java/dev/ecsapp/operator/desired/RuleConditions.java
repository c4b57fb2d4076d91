package dev.ecsapp.operator.desired;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

// A rule matches a request when one of its paths and one of its hosts match (a missing condition matches all), so
// its matches are the union of every (host, path) pair: the alternatives that specificity and overlap are about.
/** The path-pattern and host-header values of one listener rule, in the order they were written. */
public record RuleConditions(List<String> pathPatterns, List<String> hosts) {

    /** What a rule without a path condition matches: every request path starts with /. */
    public static final String ANY_PATH = "/*";

    public RuleConditions {
        pathPatterns = List.copyOf(pathPatterns);
        hosts = List.copyOf(hosts);
    }

    /** One host (null: any) and one path of the rule, with where each was written (-1: not written). */
    public record Alternative(String host, int hostIndex, String path, int pathIndex) {

        /** ALB compares host names case-insensitively and paths case-sensitively. */
        public String hostKey() {
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        }
    }

    /** Every (host, path) pair, hosts first in the order written, then paths. */
    public List<Alternative> alternatives() {
        List<Integer> hostIndexes = hosts.isEmpty() ? List.of(-1)
                : IntStream.range(0, hosts.size()).boxed().toList();
        List<Integer> pathIndexes = pathPatterns.isEmpty() ? List.of(-1)
                : IntStream.range(0, pathPatterns.size()).boxed().toList();
        return hostIndexes.stream().flatMap(h -> pathIndexes.stream().map(p -> new Alternative(
                h < 0 ? null : hosts.get(h), h, p < 0 ? ANY_PATH : pathPatterns.get(p), p))).toList();
    }
}
