package dev.ecsapp.operator.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** ALB's rules for the path-pattern and host-header values of one listener rule. */
final class ListenerRuleConditions {

    /** ALB counts the values of all conditions of a rule together, and separately its wildcards. */
    static final int MAX_VALUES_PER_RULE = 5;
    static final int MAX_WILDCARDS_PER_RULE = 5;
    static final int MAX_VALUE_LENGTH = 128;
    private static final Pattern PATH_CHARACTERS = Pattern.compile("[A-Za-z0-9_\\-.$/~\"'@:+&*?]+");
    private static final Pattern HOST_CHARACTERS = Pattern.compile("[A-Za-z0-9\\-.*?]+");
    /** HostHeaderConditionConfig: "only alphabetical characters after the final '.' character". */
    private static final Pattern LAST_LABEL = Pattern.compile("[A-Za-z]+");

    private ListenerRuleConditions() {
    }

    static List<Violation> check(List<String> pathPatterns, List<String> hosts) {
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < pathPatterns.size(); i++) {
            checkPath("spec.loadBalancer.pathPatterns[" + i + "]", pathPatterns.get(i), violations);
        }
        for (int i = 0; i < hosts.size(); i++) {
            checkHost("spec.loadBalancer.hosts[" + i + "]", hosts.get(i), violations);
        }
        int values = pathPatterns.size() + hosts.size();
        if (values > MAX_VALUES_PER_RULE) {
            violations.add(new Violation("spec.loadBalancer", "pathPatterns and hosts have " + values
                    + " values together; an ALB rule takes at most " + MAX_VALUES_PER_RULE
                    + ": merge paths with wildcards (/shop/*) or split the app"));
        }
        long wildcards = (pathPatterns.stream().mapToLong(ListenerRuleConditions::wildcards).sum()
                + hosts.stream().mapToLong(ListenerRuleConditions::wildcards).sum());
        if (wildcards > MAX_WILDCARDS_PER_RULE) {
            violations.add(new Violation("spec.loadBalancer", "pathPatterns and hosts use " + wildcards
                    + " wildcards (* or ?) together; an ALB rule takes at most " + MAX_WILDCARDS_PER_RULE));
        }
        return violations;
    }

    private static void checkPath(String field, String path, List<Violation> violations) {
        if (path.length() > MAX_VALUE_LENGTH) {
            violations.add(new Violation(field, "path pattern has " + path.length() + " characters; ALB takes at most "
                    + MAX_VALUE_LENGTH));
        } else if (!path.startsWith("/")) {
            // A request path always starts with /, so such a pattern would never match.
            violations.add(new Violation(field, "path pattern \"" + path + "\" must start with /, e.g. /" + path));
        } else if (!PATH_CHARACTERS.matcher(path).matches()) {
            violations.add(new Violation(field, "path pattern \"" + path + "\" has a character ALB does not match; "
                    + "use letters, digits, _ - . $ / ~ \" ' @ : + & and the wildcards * and ?"));
        }
    }

    private static void checkHost(String field, String host, List<Violation> violations) {
        if (host.length() > MAX_VALUE_LENGTH) {
            violations.add(new Violation(field, "host has " + host.length() + " characters; ALB takes at most "
                    + MAX_VALUE_LENGTH));
        } else if (!HOST_CHARACTERS.matcher(host).matches()) {
            violations.add(new Violation(field, "host \"" + host + "\" has a character ALB does not match; use "
                    + "letters, digits, - . and the wildcards * and ?, without scheme, port or path"));
        } else if (!host.contains(".")) {
            violations.add(new Violation(field, "host \"" + host + "\" needs at least one dot, e.g. " + host
                    + ".example.com"));
        } else if (!LAST_LABEL.matcher(host.substring(host.lastIndexOf('.') + 1)).matches()) {
            violations.add(new Violation(field, "host \"" + host + "\" ends in \""
                    + host.substring(host.lastIndexOf('.') + 1) + "\"; ALB takes only letters after the last dot"));
        }
    }

    private static long wildcards(String value) {
        return value.chars().filter(c -> c == '*' || c == '?').count();
    }
}
