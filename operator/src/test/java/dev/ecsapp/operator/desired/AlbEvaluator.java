package dev.ecsapp.operator.desired;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A listener's rules evaluated as ALB does, independently of the operator's own pattern code: lowest priority first,
 * the first rule whose every condition matches wins; a condition matches when any of its values does; path-pattern
 * is case-sensitive and host-header is not; * matches any run of characters and ? exactly one.
 */
final class AlbEvaluator {

    /** One rule: what it forwards to, its priority, and its conditions (an empty list is no condition). */
    record Rule(String target, int priority, List<String> pathPatterns, List<String> hosts) {
    }

    private final List<Rule> rules;

    AlbEvaluator(List<Rule> rules) {
        this.rules = rules.stream().sorted(Comparator.comparingInt(Rule::priority)).toList();
    }

    /** The target of the first matching rule, or empty for the listener's default action. */
    Optional<String> route(String host, String path) {
        return rules.stream().filter(rule -> anyMatches(rule.hosts(), host.toLowerCase(Locale.ROOT), true)
                && anyMatches(rule.pathPatterns(), path, false)).map(Rule::target).findFirst();
    }

    private static boolean anyMatches(List<String> patterns, String value, boolean ignoreCase) {
        return patterns.isEmpty() || patterns.stream().anyMatch(pattern -> regex(pattern, ignoreCase).matcher(value)
                .matches());
    }

    private static Pattern regex(String pattern, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    }
}
