package dev.ecsapp.sandbox.aws.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsapp.sandbox.aws.Account;
import dev.ecsapp.sandbox.time.SandboxClock;
import dev.ecsapp.sandbox.time.Scheduler;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryRequest;
import software.amazon.awssdk.services.ecr.model.PutImageRequest;

/** ECR as the {@link dev.ecsapp.sandbox.aws.ImageRegistry} ECS asks before a task starts, without a server. */
class EcrImageRegistryTest {

    private static final String REPOSITORY = "123456789012.dkr.ecr.us-east-1.amazonaws.com/web";

    private final EcrApi ecr = new EcrApi(new Account(Account.DEFAULT_ID, "us-east-1"), new Scheduler(
            new SandboxClock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), 0)));
    private String v1;

    @BeforeEach
    void repositoryWithOneTag() {
        ecr.createRepository(CreateRepositoryRequest.builder().repositoryName("web").build());
        v1 = push("v1", 1);
    }

    @Test
    void anExistingTagCanBePulled() {
        assertThat(ecr.pullFailure(REPOSITORY + ":v1")).isEmpty();
    }

    @Test
    void anExistingDigestCanBePulled() {
        assertThat(ecr.pullFailure(REPOSITORY + "@" + v1)).isEmpty();
    }

    @Test
    void aMissingTagFailsWithFargatesStoppedReason() {
        assertThat(ecr.pullFailure(REPOSITORY + ":v2")).contains("CannotPullContainerError: pull image manifest has "
                + "been retried 5 time(s): failed to resolve ref " + REPOSITORY + ":v2: " + REPOSITORY
                + ":v2: not found");
    }

    @Test
    void anImageWithoutATagIsPulledAsLatest() {
        assertThat(ecr.pullFailure(REPOSITORY)).hasValueSatisfying(reason -> assertThat(reason)
                .endsWith(REPOSITORY + ":latest: not found"));

        push("latest", 2);

        assertThat(ecr.pullFailure(REPOSITORY)).isEmpty();
    }

    @Test
    void aMissingRepositoryFails() {
        assertThat(ecr.pullFailure("123456789012.dkr.ecr.us-east-1.amazonaws.com/api:v1")).isPresent();
    }

    @Test
    void aMissingDigestFails() {
        String unknown = "sha256:" + "0".repeat(64);

        assertThat(ecr.pullFailure(REPOSITORY + "@" + unknown)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("failed to resolve ref " + REPOSITORY + "@" + unknown));
    }

    @Test
    void imagesOfOtherRegistriesArePullable() {
        assertThat(ecr.pullFailure("public.ecr.aws/nginx/nginx:1.27")).isEmpty();
        assertThat(ecr.pullFailure("nginx:1.27")).isEmpty();
        assertThat(ecr.pullFailure("210987654321.dkr.ecr.us-east-1.amazonaws.com/web:v9")).isEmpty();
    }

    @Test
    void aFailedTagFailsByTagAndByTheDigestItNames() {
        ecr.failTag("web", "v1");

        assertThat(ecr.pullFailure(REPOSITORY + ":v1")).isPresent();
        assertThat(ecr.pullFailure(REPOSITORY + "@" + v1)).isPresent();
    }

    @Test
    void pushingAFailedTagAgainMakesItPullable() {
        ecr.failTag("web", "v1");

        push("v1", 2);

        assertThat(ecr.pullFailure(REPOSITORY + ":v1")).isEmpty();
    }

    @Test
    void failingATagOfAMissingRepositoryIsRefused() {
        assertThatThrownBy(() -> ecr.failTag("api", "v1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The repository with name 'api' does not exist in the registry with id '123456789012'");
    }

    private String push(String tag, int n) {
        return ecr.putImage(PutImageRequest.builder().repositoryName("web").imageTag(tag)
                .imageManifest(EcrContractTest.manifest(n)).build()).image().imageId().imageDigest();
    }
}
