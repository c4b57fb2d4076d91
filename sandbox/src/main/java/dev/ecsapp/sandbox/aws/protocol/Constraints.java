package dev.ecsapp.sandbox.aws.protocol;

import java.util.Collection;
import java.util.stream.Collectors;

/** AWS's wording when a request member breaks a model constraint ("1 validation error detected: ..."). */
public final class Constraints {

    // Services put different codes on these messages: ECR and CloudWatch Logs InvalidParameterException,
    // Application Auto Scaling ValidationException.

    private Constraints() {
    }

    public static String notNull(String member) {
        return "1 validation error detected: Value null at '" + member
                + "' failed to satisfy constraint: Member must not be null";
    }

    public static String minLength(String member, Object value, int min) {
        return violation(member, value, "Member must have length greater than or equal to " + min);
    }

    public static String maxLength(String member, Object value, int max) {
        return violation(member, value, "Member must have length less than or equal to " + max);
    }

    public static String minValue(String member, Object value, Number min) {
        return violation(member, value, "Member must have value greater than or equal to " + min);
    }

    public static String maxValue(String member, Object value, Number max) {
        return violation(member, value, "Member must have value less than or equal to " + max);
    }

    public static String pattern(String member, Object value, String regex) {
        return violation(member, value, "Member must satisfy regular expression pattern: " + regex);
    }

    public static String enumValue(String member, Object value, Collection<?> allowed) {
        return violation(member, value, "Member must satisfy enum value set: ["
                + allowed.stream().map(String::valueOf).collect(Collectors.joining(", ")) + "]");
    }

    private static String violation(String member, Object value, String constraint) {
        return "1 validation error detected: Value '" + value + "' at '" + member + "' failed to satisfy constraint: "
                + constraint;
    }
}
