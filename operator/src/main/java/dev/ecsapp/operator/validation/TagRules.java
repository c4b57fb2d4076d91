package dev.ecsapp.operator.validation;

import dev.ecsapp.operator.desired.Ownership;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The tag rules all AWS services of the app share, and the tags the operator keeps for itself. */
final class TagRules {

    /** AWS's limit per resource, less the operator's own tags. */
    static final int MAX_USER_TAGS = 50 - Ownership.OPERATOR_TAG_COUNT;
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private TagRules() {
    }

    static List<Violation> check(Map<String, String> tags) {
        List<Violation> violations = new ArrayList<>();
        if (tags.size() > MAX_USER_TAGS) {
            violations.add(new Violation("spec.tags", tags.size() + " tags; AWS takes 50 per resource and the operator "
                    + "uses " + Ownership.OPERATOR_TAG_COUNT + ", so keep at most " + MAX_USER_TAGS));
        }
        // Sorted, so that the violations come in the same order every time.
        new TreeMap<>(tags).forEach((key, value) -> {
            String field = "spec.tags[" + key + "]";
            if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
                violations.add(new Violation(field, "keys starting with aws: are AWS's own; rename the tag"));
            } else if (key.startsWith(Ownership.PREFIX)) {
                violations.add(new Violation(field, "keys starting with " + Ownership.PREFIX + " are the operator's "
                        + "own; rename the tag"));
            } else if (key.isEmpty() || key.length() > 128 || !ALLOWED.matcher(key).matches()) {
                violations.add(new Violation(field, "a tag key has 1 to 128 letters, digits, spaces and "
                        + "_ . : / = + - @"));
            }
            if (value.length() > 256 || !ALLOWED.matcher(value).matches()) {
                violations.add(new Violation(field, "a tag value has up to 256 letters, digits, spaces and "
                        + "_ . : / = + - @"));
            }
        });
        return violations;
    }
}
