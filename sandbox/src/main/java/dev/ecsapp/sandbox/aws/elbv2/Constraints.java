package dev.ecsapp.sandbox.aws.elbv2;

import dev.ecsapp.sandbox.aws.protocol.AwsException;
import java.util.Collection;
import java.util.List;

/**
 * The checks AWS makes from the API model before an operation runs (required members, ranges, enums, list sizes),
 * worded as its query services word them: {@code 1 validation error detected: Value ... at 'member' ...}.
 */
final class Constraints {

    private Constraints() {
    }

    static <T> T required(T value, String member) {
        if (value == null) {
            throw new AwsException("ValidationError", "1 validation error detected: Value null at '" + member
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    static void between(Integer value, int min, int max, String member) {
        if (value == null) {
            return;
        }
        if (value < min) {
            throw violation(value, member, "Member must have value greater than or equal to " + min);
        }
        if (value > max) {
            throw violation(value, member, "Member must have value less than or equal to " + max);
        }
    }

    static void oneOf(String value, Collection<String> allowed, String member) {
        if (value != null && !allowed.contains(value)) {
            throw violation(value, member, "Member must satisfy enum value set: [" + String.join(", ", allowed) + "]");
        }
    }

    static void atMost(List<?> values, int max, String member) {
        if (values != null && values.size() > max) {
            throw violation(values, member, "Member must have length less than or equal to " + max);
        }
    }

    static void atLeast(List<?> values, int min, String member) {
        if (values == null || values.size() < min) {
            throw violation(values == null ? List.of() : values, member,
                    "Member must have length greater than or equal to " + min);
        }
    }

    private static AwsException violation(Object value, String member, String constraint) {
        return new AwsException("ValidationError", "1 validation error detected: Value '" + value + "' at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }
}
