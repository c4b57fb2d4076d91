package dev.ecsapp.sandbox.aws.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which images a lifecycle policy expires, as ECR evaluates one (ECR user guide, "Lifecycle policy properties" and
 * "How lifecycle policies work"): rules in rulePriority order, lowest first; a rule's selection takes the images of
 * its tagStatus (tagged ones only when they carry a tag for every entry of tagPrefixList or tagPatternList) that no
 * earlier rule selected; of those, imageCountMoreThan keeps the newest countNumber by push time and expires the rest,
 * sinceImagePushed expires those pushed more than countNumber days ago. An image is expired by one rule at most, and
 * an image an earlier rule selected but kept is not expired by a later one.
 */
final class LifecycleRules {

    private LifecycleRules() {
    }

    /** The images of {@code images} the policy expires at {@code now}. */
    static Set<StoredImage> expired(JsonNode policy, List<StoredImage> images, Instant now) {
        List<JsonNode> rules = new ArrayList<>();
        policy.path("rules").forEach(rules::add);
        rules.sort(Comparator.comparingInt(rule -> rule.path("rulePriority").asInt(Integer.MAX_VALUE)));
        Set<StoredImage> claimed = new HashSet<>();
        Set<StoredImage> expired = new LinkedHashSet<>();
        for (JsonNode rule : rules) {
            if (!"expire".equals(rule.path("action").path("type").asText("expire"))) {
                continue;
            }
            JsonNode selection = rule.path("selection");
            List<StoredImage> selected = images.stream().filter(image -> !claimed.contains(image))
                    .filter(image -> selects(selection, image))
                    .sorted(Comparator.comparing((StoredImage image) -> image.pushedAt).reversed()).toList();
            claimed.addAll(selected);
            long count = selection.path("countNumber").asLong(0);
            switch (selection.path("countType").asText("")) {
                case "imageCountMoreThan" -> expired.addAll(selected.subList((int) Math.min(count, selected.size()),
                        selected.size()));
                case "sinceImagePushed" -> {
                    Instant cutoff = now.minus(Duration.ofDays(count));
                    selected.stream().filter(image -> image.pushedAt.isBefore(cutoff)).forEach(expired::add);
                }
                default -> {
                    // PutLifecyclePolicy refuses other count types; a rule without one expires nothing.
                }
            }
        }
        return expired;
    }

    private static boolean selects(JsonNode selection, StoredImage image) {
        return switch (selection.path("tagStatus").asText("any")) {
            case "untagged" -> image.tags.isEmpty();
            case "tagged" -> !image.tags.isEmpty() && carriesEvery(selection.path("tagPrefixList"), image, false)
                    && carriesEvery(selection.path("tagPatternList"), image, true);
            default -> true;
        };
    }

    /** Whether, for every entry of the list, one of the image's tags starts with it (or matches it, a pattern). */
    private static boolean carriesEvery(JsonNode list, StoredImage image, boolean patterns) {
        for (JsonNode entry : list) {
            String text = entry.asText();
            Pattern pattern = patterns ? wildcard(text) : null;
            boolean found = image.tags.stream().anyMatch(tag -> patterns ? pattern.matcher(tag).matches()
                    : tag.startsWith(text));
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /** A tagPatternList entry: {@code *} is any run of characters, everything else literal. */
    private static Pattern wildcard(String text) {
        return Pattern.compile(Arrays.stream(text.split("\\*", -1)).map(Pattern::quote)
                .collect(Collectors.joining(".*")));
    }
}
