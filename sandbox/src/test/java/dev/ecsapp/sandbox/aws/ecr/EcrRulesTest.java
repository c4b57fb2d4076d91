package dev.ecsapp.sandbox.aws.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsapp.sandbox.aws.protocol.AwsException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ecr.model.ImageTagMutabilityExclusionFilter;

/** ECR's pure rules: repository names, lifecycle policy texts, image references, tag mutability. */
class EcrRulesTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"ab", "web-app", "team/web_app", "a.b/c-d/e_f", "x9/y8"})
    void validRepositoryNamesPass(String name) {
        assertThat(RepositoryNames.problem(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Web", "-web", "web-", "team//web", "/web", "web/", "we..b", "web app"})
    void repositoryNamesOutsideEcrsPatternFail(String name) {
        assertThat(RepositoryNames.problem(name)).hasValueSatisfying(m -> assertThat(m)
                .startsWith("Invalid parameter at 'repositoryName' failed to satisfy constraint"));
    }

    @Test
    void aRepositoryNameLongerThan256CharactersFails() {
        assertThat(RepositoryNames.problem("a".repeat(257))).hasValueSatisfying(m -> assertThat(m)
                .endsWith("Member must have length less than or equal to 256"));
    }

    @Test
    void aLifecyclePolicyRuleNeedsPriorityAndSelectionAndAction() {
        String policy = "{\"rules\":[{\"description\":\"" + "x".repeat(100) + "\"}]}";

        assertThat(LifecyclePolicies.problem(policy, mapper)).contains("Invalid parameter at 'LifecyclePolicyText' "
                + "failed to satisfy constraint: 'Lifecycle policy validation failure: object has missing required "
                + "properties ([\"action\",\"rulePriority\",\"selection\"])'");
    }

    @Test
    void aLifecyclePolicyShorterThan100CharactersFails() {
        assertThat(LifecyclePolicies.problem("{\"rules\":[]}", mapper)).hasValueSatisfying(m -> assertThat(m)
                .endsWith("Member must have length greater than or equal to 100"));
    }

    @Test
    void aCompleteLifecyclePolicyPasses() {
        String policy = "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":"
                + "\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":14},\"action\":{\"type\":\"expire\"}}]}";

        assertThat(LifecyclePolicies.problem(policy, mapper)).isEmpty();
    }

    @Test
    void anImageReferenceSplitsIntoHostRepositoryTagAndDigest() {
        ImageReference reference = ImageReference.parse("1.dkr.ecr.us-east-1.amazonaws.com/team/web:v1@sha256:ab");

        assertThat(reference).isEqualTo(new ImageReference("1.dkr.ecr.us-east-1.amazonaws.com", "team/web", "v1",
                "sha256:ab"));
    }

    @Test
    void aDockerHubShortNameHasNoHost() {
        assertThat(ImageReference.parse("library/nginx:1.27")).isEqualTo(new ImageReference(null, "library/nginx",
                "1.27", null));
    }

    @Test
    void aRegistryWithAPortIsAHostAndItsPortIsNoTag() {
        assertThat(ImageReference.parse("localhost:5000/web").normalized()).isEqualTo("localhost:5000/web:latest");
    }

    @Test
    void anImmutableRepositoryWithExclusionsLetsTheExcludedTagsMove() {
        TagMutability mutability = TagMutability.of("IMMUTABLE_WITH_EXCLUSION", List.of(
                ImageTagMutabilityExclusionFilter.builder().filterType("WILDCARD").filter("latest*").build()));

        assertThat(mutability.immutable("v1")).isTrue();
        assertThat(mutability.immutable("latest-dev")).isFalse();
    }

    @Test
    void aMutableRepositoryWithExclusionsFreezesTheExcludedTags() {
        TagMutability mutability = TagMutability.of("MUTABLE_WITH_EXCLUSION", List.of(
                ImageTagMutabilityExclusionFilter.builder().filterType("WILDCARD").filter("release-*").build()));

        assertThat(mutability.immutable("release-1")).isTrue();
        assertThat(mutability.immutable("dev")).isFalse();
    }

    @Test
    void anUnknownTagMutabilityListsTheFourEcrKnows() {
        assertThatThrownBy(() -> TagMutability.of("FROZEN", null)).isInstanceOfSatisfying(AwsException.class,
                e -> assertThat(e.getMessage()).isEqualTo("1 validation error detected: Value 'FROZEN' at "
                        + "'imageTagMutability' failed to satisfy constraint: Member must satisfy enum value set: "
                        + "[MUTABLE, IMMUTABLE, IMMUTABLE_WITH_EXCLUSION, MUTABLE_WITH_EXCLUSION]"));
    }

    @Test
    void anExclusionModeWithoutFiltersIsRefused() {
        assertThatThrownBy(() -> TagMutability.of("IMMUTABLE_WITH_EXCLUSION", null))
                .isInstanceOfSatisfying(AwsException.class,
                        e -> assertThat(e.code()).isEqualTo("InvalidParameterException"));
    }

    @Test
    void theDigestIsTheSha256OfTheManifestText() {
        assertThat(Manifests.digest("{}"))
                .isEqualTo("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    }
}
