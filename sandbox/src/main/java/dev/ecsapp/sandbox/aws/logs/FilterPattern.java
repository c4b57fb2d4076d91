package dev.ecsapp.sandbox.aws.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * CloudWatch Logs' filter pattern for unstructured text: every plain term must appear, at least one {@code ?term}
 * must when there are any, no {@code -term} may; a double-quoted term is one term with its spaces. Matching is
 * case-sensitive, as CloudWatch's is. JSON ({@code { ... }}) and space-delimited ({@code [ ... ]}) patterns are not
 * understood: they match nothing rather than everything, so a reader never takes a wrong answer for a filtered one.
 */
final class FilterPattern {

    private final List<String> required = new ArrayList<>();
    private final List<String> anyOf = new ArrayList<>();
    private final List<String> excluded = new ArrayList<>();
    private final boolean understood;

    private FilterPattern(boolean understood) {
        this.understood = understood;
    }

    static FilterPattern parse(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return new FilterPattern(true);
        }
        String trimmed = pattern.trim();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            return new FilterPattern(false);
        }
        FilterPattern parsed = new FilterPattern(true);
        int i = 0;
        while (i < trimmed.length()) {
            char c = trimmed.charAt(i);
            if (c == ' ') {
                i++;
                continue;
            }
            List<String> into = parsed.required;
            if (c == '?' || c == '-') {
                into = c == '?' ? parsed.anyOf : parsed.excluded;
                i++;
            }
            String term;
            if (i < trimmed.length() && trimmed.charAt(i) == '"') {
                int end = trimmed.indexOf('"', i + 1);
                end = end < 0 ? trimmed.length() : end;
                term = trimmed.substring(i + 1, end);
                i = end + 1;
            } else {
                int end = trimmed.indexOf(' ', i);
                end = end < 0 ? trimmed.length() : end;
                term = trimmed.substring(i, end);
                i = end;
            }
            if (!term.isEmpty()) {
                into.add(term);
            }
        }
        return parsed;
    }

    boolean matches(String message) {
        if (!understood) {
            return false;
        }
        for (String term : required) {
            if (!message.contains(term)) {
                return false;
            }
        }
        for (String term : excluded) {
            if (message.contains(term)) {
                return false;
            }
        }
        return anyOf.isEmpty() || anyOf.stream().anyMatch(message::contains);
    }
}
