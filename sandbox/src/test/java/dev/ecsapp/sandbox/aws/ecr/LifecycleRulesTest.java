package dev.ecsapp.sandbox.aws.ecr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** ECR's lifecycle rule semantics on stored images, without a server. */
class LifecycleRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-06-30T00:00:00Z");

    private static StoredImage image(String digest, int daysOld, String... tags) {
        StoredImage image = new StoredImage(digest, "{}", Manifests.OCI_MANIFEST, null, 1, NOW.minusSeconds(
                daysOld * 86_400L));
        image.tags.addAll(List.of(tags));
        return image;
    }

    private static Set<String> expired(String policy, List<StoredImage> images) throws Exception {
        return LifecycleRules.expired(JSON.readTree(policy), images, NOW).stream().map(i -> i.digest)
                .collect(Collectors.toSet());
    }

    @Test
    void imageCountMoreThanKeepsTheNewestByPushTime() throws Exception {
        List<StoredImage> images = List.of(image("a", 4, "v1"), image("b", 3, "v2"), image("c", 2, "v3"),
                image("d", 1, "v4"));

        assertThat(expired("""
                {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan",
                 "countNumber": 2}, "action": {"type": "expire"}}]}""", images)).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void sinceImagePushedExpiresWhatIsOlderThanTheDays() throws Exception {
        List<StoredImage> images = List.of(image("old", 40), image("new", 5), image("tagged-old", 40, "keep"));

        assertThat(expired("""
                {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed",
                 "countUnit": "days", "countNumber": 30}, "action": {"type": "expire"}}]}""", images))
                .containsExactly("old");
    }

    @Test
    void aTaggedSelectionNeedsATagForEveryPrefixAndPattern() throws Exception {
        List<StoredImage> images = List.of(image("both", 3, "prod-1", "eu"), image("prod-only", 2, "prod-2"),
                image("eu-only", 1, "eu-3"));

        assertThat(expired("""
                {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "tagged", "tagPrefixList": ["prod", "eu"],
                 "countType": "imageCountMoreThan", "countNumber": 0}, "action": {"type": "expire"}}]}""", images))
                .containsExactly("both");
        assertThat(expired("""
                {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "tagged", "tagPatternList": ["*-2"],
                 "countType": "imageCountMoreThan", "countNumber": 0}, "action": {"type": "expire"}}]}""", images))
                .containsExactly("prod-only");
    }

    /* An image the first rule selects is that rule's to keep or expire: the later "any" rule does not count it. */
    @Test
    void rulesClaimImagesInPriorityOrder() throws Exception {
        List<StoredImage> images = List.of(image("r1", 5, "release-1"), image("r2", 4, "release-2"),
                image("x1", 3), image("x2", 2), image("x3", 1));

        assertThat(expired("""
                {"rules": [
                 {"rulePriority": 10, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan",
                  "countNumber": 1}, "action": {"type": "expire"}},
                 {"rulePriority": 1, "selection": {"tagStatus": "tagged", "tagPrefixList": ["release"],
                  "countType": "imageCountMoreThan", "countNumber": 5}, "action": {"type": "expire"}}]}""", images))
                .containsExactlyInAnyOrder("x1", "x2");
    }
}
