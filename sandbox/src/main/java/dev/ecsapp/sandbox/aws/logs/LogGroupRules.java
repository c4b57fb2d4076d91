package dev.ecsapp.sandbox.aws.logs;

import dev.ecsapp.sandbox.aws.protocol.Constraints;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** What CloudWatch Logs accepts for a log group's name, retention and tags; each check returns AWS's message. */
final class LogGroupRules {

    // https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html
    static final String NAME_PATTERN = "[\\.\\-_/#A-Za-z0-9]+";
    // https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
    static final List<Integer> RETENTION_DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731,
            1096, 1827, 2192, 2557, 2922, 3288, 3653);
    static final int MAX_TAGS = 50;

    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
    private static final int MAX_NAME = 512;
    private static final String TAG_KEY_PATTERN = "^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+)$";
    private static final String TAG_VALUE_PATTERN = "^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$";
    private static final int MAX_TAG_KEY = 128;
    private static final int MAX_TAG_VALUE = 256;

    private LogGroupRules() {
    }

    static Optional<String> nameProblem(String member, String name) {
        if (name == null) {
            return Optional.of(Constraints.notNull(member));
        }
        if (name.isEmpty()) {
            return Optional.of(Constraints.minLength(member, name, 1));
        }
        if (name.length() > MAX_NAME) {
            return Optional.of(Constraints.maxLength(member, name, MAX_NAME));
        }
        if (!NAME.matcher(name).matches()) {
            return Optional.of(Constraints.pattern(member, name, NAME_PATTERN));
        }
        return Optional.empty();
    }

    static Optional<String> retentionProblem(Integer days) {
        if (days == null) {
            return Optional.of(Constraints.notNull("retentionInDays"));
        }
        if (!RETENTION_DAYS.contains(days)) {
            return Optional.of(Constraints.enumValue("retentionInDays", days, RETENTION_DAYS));
        }
        return Optional.empty();
    }

    /** Keys and values of the characters and lengths AWS allows for tags; the count is checked separately. */
    static Optional<String> tagProblem(Map<String, String> tags) {
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            String key = tag.getKey();
            if (key.isEmpty() || key.length() > MAX_TAG_KEY) {
                return Optional.of(key.isEmpty() ? Constraints.minLength("tags", key, 1)
                        : Constraints.maxLength("tags", key, MAX_TAG_KEY));
            }
            if (!key.matches(TAG_KEY_PATTERN)) {
                return Optional.of(Constraints.pattern("tags", key, TAG_KEY_PATTERN));
            }
            String value = tag.getValue() == null ? "" : tag.getValue();
            if (value.length() > MAX_TAG_VALUE) {
                return Optional.of(Constraints.maxLength("tags", value, MAX_TAG_VALUE));
            }
            if (!value.matches(TAG_VALUE_PATTERN)) {
                return Optional.of(Constraints.pattern("tags", value, TAG_VALUE_PATTERN));
            }
        }
        return Optional.empty();
    }
}
