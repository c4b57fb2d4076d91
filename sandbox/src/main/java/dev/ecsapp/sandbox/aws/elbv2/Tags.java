package dev.ecsapp.sandbox.aws.elbv2;

import dev.ecsapp.sandbox.aws.protocol.AwsException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

/**
 * The tags of every ELBv2 resource, by ARN, with AddTags' rules: keys of 1 to 128 characters not starting with
 * {@code aws:}, values up to 256, each key once per call, at most 50 tags per resource.
 */
final class Tags {

    static final int MAX_PER_RESOURCE = 50;

    private final Map<String, Map<String, String>> byArn = new HashMap<>();

    /** Checks tags given at creation or to AddTags before anything is changed. */
    static void check(List<Tag> tags) {
        if (tags == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (Tag tag : tags) {
            String key = Constraints.required(tag.key(), "tags.member.key");
            if (key.isEmpty() || key.length() > 128) {
                throw new AwsException("ValidationError", "1 validation error detected: Value '" + key
                        + "' at 'tags.member.key' failed to satisfy constraint: Member must have length between 1 "
                        + "and 128");
            }
            if (key.startsWith("aws:")) {
                throw new AwsException("ValidationError", "Tag keys starting with 'aws:' are reserved for internal "
                        + "use");
            }
            if (tag.value() != null && tag.value().length() > 256) {
                throw new AwsException("ValidationError", "1 validation error detected: Value '" + tag.value()
                        + "' at 'tags.member.value' failed to satisfy constraint: Member must have length less than "
                        + "or equal to 256");
            }
            if (!seen.add(key)) {
                throw new AwsException("DuplicateTagKeys", "Tag key was specified more than once: " + key);
            }
        }
    }

    /** Whether adding these tags keeps the resource within the limit (keys it already has are overwritten). */
    boolean fits(String arn, List<Tag> tags) {
        Set<String> keys = new HashSet<>(byArn.getOrDefault(arn, Map.of()).keySet());
        tags.forEach(t -> keys.add(t.key()));
        return keys.size() <= MAX_PER_RESOURCE;
    }

    void add(String arn, List<Tag> tags) {
        if (tags == null) {
            return;
        }
        Map<String, String> current = byArn.computeIfAbsent(arn, a -> new LinkedHashMap<>());
        tags.forEach(t -> current.put(t.key(), t.value() == null ? "" : t.value()));
    }

    void remove(String arn, List<String> keys) {
        Map<String, String> current = byArn.get(arn);
        if (current != null) {
            keys.forEach(current::remove);
        }
    }

    List<Tag> of(String arn) {
        return byArn.getOrDefault(arn, Map.of()).entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    void forget(String arn) {
        byArn.remove(arn);
    }

    void clear() {
        byArn.clear();
    }
}
