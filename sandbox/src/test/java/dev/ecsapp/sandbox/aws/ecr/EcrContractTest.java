package dev.ecsapp.sandbox.aws.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsapp.sandbox.cli.AwsCli;
import dev.ecsapp.sandbox.SandboxExtension;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.EncryptionType;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageFailureCode;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.Tag;
import software.amazon.awssdk.services.ecr.model.TagStatus;

/** ECR through the real {@link EcrClient} and the AWS CLI v2: every operation the sandbox serves, errors included. */
class EcrContractTest {

    @RegisterExtension
    static SandboxExtension sandbox = new SandboxExtension();

    private static final String REGISTRY = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
    private static final String LIFECYCLE_POLICY = """
            {"rules":[{"rulePriority":1,"description":"keep the last ten images",\
            "selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":10},\
            "action":{"type":"expire"}}]}""";

    private EcrClient ecr;

    @BeforeEach
    void client() {
        ecr = sandbox.client(EcrClient.builder());
    }

    @AfterEach
    void close() {
        ecr.close();
    }

    @Test
    void aNewRepositoryHasTheArnUriAndDefaultsAwsGivesIt() {
        Repository repository = ecr.createRepository(r -> r.repositoryName("team/web-app")).repository();

        assertThat(repository.repositoryArn()).isEqualTo("arn:aws:ecr:us-east-1:123456789012:repository/team/web-app");
        assertThat(repository.repositoryUri()).isEqualTo(REGISTRY + "/team/web-app");
        assertThat(repository.registryId()).isEqualTo("123456789012");
        assertThat(repository.imageTagMutability()).isEqualTo(ImageTagMutability.MUTABLE);
        assertThat(repository.imageScanningConfiguration().scanOnPush()).isFalse();
        assertThat(repository.encryptionConfiguration().encryptionType()).isEqualTo(EncryptionType.AES256);
        assertThat(repository.createdAt()).isNotNull();
    }

    @Test
    void creatingARepositoryTwiceIsRefusedNamingTheRegistry() {
        ecr.createRepository(r -> r.repositoryName("web"));

        assertAwsError(() -> ecr.createRepository(r -> r.repositoryName("web")), "RepositoryAlreadyExistsException",
                "The repository with name 'web' already exists in the registry with id '123456789012'");
    }

    @Test
    void aRepositoryNameWithUpperCaseFailsEcrsPattern() {
        assertAwsError(() -> ecr.createRepository(r -> r.repositoryName("WebApp")), "InvalidParameterException",
                "Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression "
                        + "'(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*''");
    }

    @Test
    void aOneCharacterRepositoryNameIsTooShort() {
        assertAwsError(() -> ecr.createRepository(r -> r.repositoryName("a")), "InvalidParameterException",
                "1 validation error detected: Value 'a' at 'repositoryName' failed to satisfy constraint: Member must "
                        + "have length greater than or equal to 2");
    }

    @Test
    void createRepositoryKeepsTheSettingsAndTagsAsked() {
        ecr.createRepository(r -> r.repositoryName("web").imageTagMutability(ImageTagMutability.IMMUTABLE)
                .imageScanningConfiguration(s -> s.scanOnPush(true))
                .encryptionConfiguration(e -> e.encryptionType(EncryptionType.KMS))
                .tags(Tag.builder().key("team").value("payments").build()));

        Repository repository = ecr.describeRepositories(r -> r.repositoryNames("web")).repositories().get(0);

        assertThat(repository.imageTagMutability()).isEqualTo(ImageTagMutability.IMMUTABLE);
        assertThat(repository.imageScanningConfiguration().scanOnPush()).isTrue();
        assertThat(repository.encryptionConfiguration().kmsKey()).startsWith("arn:aws:kms:us-east-1:123456789012:key/");
        assertThat(ecr.listTagsForResource(r -> r.resourceArn(repository.repositoryArn())).tags())
                .containsExactly(Tag.builder().key("team").value("payments").build());
    }

    @Test
    void describingAMissingRepositoryNamesItAndTheRegistry() {
        assertAwsError(() -> ecr.describeRepositories(r -> r.repositoryNames("nope")), "RepositoryNotFoundException",
                "The repository with name 'nope' does not exist in the registry with id '123456789012'");
    }

    @Test
    void describeRepositoriesPagesWithMaxResultsAndNextToken() {
        for (String name : List.of("app-a", "app-b", "app-c", "app-d", "app-e")) {
            ecr.createRepository(r -> r.repositoryName(name));
        }

        var first = ecr.describeRepositories(r -> r.maxResults(2));
        var second = ecr.describeRepositories(r -> r.maxResults(2).nextToken(first.nextToken()));

        assertThat(first.repositories()).extracting(Repository::repositoryName).containsExactly("app-a", "app-b");
        assertThat(second.repositories()).extracting(Repository::repositoryName).containsExactly("app-c", "app-d");
        assertThat(ecr.describeRepositoriesPaginator(r -> r.maxResults(2)).repositories().stream()
                .map(Repository::repositoryName)).containsExactly("app-a", "app-b", "app-c", "app-d", "app-e");
    }

    @Test
    void maxResultsAboveAThousandIsRefused() {
        assertAwsError(() -> ecr.describeRepositories(r -> r.maxResults(1001)), "InvalidParameterException",
                "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must "
                        + "have value less than or equal to 1000");
    }

    @Test
    void aRepositoryWithImagesIsDeletedOnlyWithForce() {
        ecr.createRepository(r -> r.repositoryName("web"));
        push("web", "v1", manifest(1));

        assertAwsError(() -> ecr.deleteRepository(r -> r.repositoryName("web")), "RepositoryNotEmptyException",
                "The repository with name 'web' in registry with id '123456789012' cannot be deleted because it still "
                        + "contains images");

        ecr.deleteRepository(r -> r.repositoryName("web").force(true));

        assertThat(ecr.describeRepositories().repositories()).isEmpty();
    }

    @Test
    void aLifecyclePolicyIsKeptAndReturnedVerbatimUntilDeleted() {
        ecr.createRepository(r -> r.repositoryName("web"));

        ecr.putLifecyclePolicy(r -> r.repositoryName("web").lifecyclePolicyText(LIFECYCLE_POLICY));

        assertThat(ecr.getLifecyclePolicy(r -> r.repositoryName("web")).lifecyclePolicyText())
                .isEqualTo(LIFECYCLE_POLICY);
        assertThat(ecr.deleteLifecyclePolicy(r -> r.repositoryName("web")).lifecyclePolicyText())
                .isEqualTo(LIFECYCLE_POLICY);
        assertAwsError(() -> ecr.getLifecyclePolicy(r -> r.repositoryName("web")), "LifecyclePolicyNotFoundException",
                "Lifecycle policy does not exist for the repository with name 'web' in the registry with id "
                        + "'123456789012'");
    }

    @Test
    void aLifecyclePolicyThatIsNotJsonIsRefused() {
        ecr.createRepository(r -> r.repositoryName("web"));
        String notJson = "rules: keep ten images".repeat(6);

        assertAwsError(() -> ecr.putLifecyclePolicy(r -> r.repositoryName("web").lifecyclePolicyText(notJson)),
                "InvalidParameterException", "Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: "
                        + "'Lifecycle policy validation failure: Could not map policyString into LifecyclePolicy.'");
    }

    @Test
    void aLifecyclePolicyWithoutRulesIsRefused() {
        ecr.createRepository(r -> r.repositoryName("web"));
        String noRules = "{\"description\":\"" + "x".repeat(100) + "\"}";

        assertAwsError(() -> ecr.putLifecyclePolicy(r -> r.repositoryName("web").lifecyclePolicyText(noRules)),
                "InvalidParameterException", "Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: "
                        + "'Lifecycle policy validation failure: object has missing required properties "
                        + "([\"rules\"])'");
    }

    @Test
    void scanningAndTagMutabilityCanBeChangedAfterCreation() {
        ecr.createRepository(r -> r.repositoryName("web"));

        var scanning = ecr.putImageScanningConfiguration(r -> r.repositoryName("web")
                .imageScanningConfiguration(s -> s.scanOnPush(true)));
        var mutability = ecr.putImageTagMutability(r -> r.repositoryName("web")
                .imageTagMutability(ImageTagMutability.IMMUTABLE));

        assertThat(scanning.imageScanningConfiguration().scanOnPush()).isTrue();
        assertThat(mutability.imageTagMutability()).isEqualTo(ImageTagMutability.IMMUTABLE);
        Repository repository = ecr.describeRepositories(r -> r.repositoryNames("web")).repositories().get(0);
        assertThat(repository.imageScanningConfiguration().scanOnPush()).isTrue();
        assertThat(repository.imageTagMutability()).isEqualTo(ImageTagMutability.IMMUTABLE);
    }

    @Test
    void putImageNamesTheImageByTheSha256OfItsManifest() throws Exception {
        ecr.createRepository(r -> r.repositoryName("web"));
        String manifest = manifest(1);

        var image = ecr.putImage(r -> r.repositoryName("web").imageTag("v1").imageManifest(manifest)).image();

        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(manifest.getBytes(StandardCharsets.UTF_8)));
        assertThat(image.imageId().imageDigest()).isEqualTo("sha256:" + sha256);
        assertThat(image.imageId().imageTag()).isEqualTo("v1");
        assertThat(image.imageManifestMediaType()).isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
    }

    @Test
    void pushingTheSameManifestUnderTheSameTagAgainIsRefused() {
        ecr.createRepository(r -> r.repositoryName("web"));
        String digest = push("web", "v1", manifest(1));

        assertAwsError(() -> push("web", "v1", manifest(1)), "ImageAlreadyExistsException", "Image with digest '"
                + digest + "' and tag 'v1' already exists in the repository with name 'web' in registry with id "
                + "'123456789012'");
    }

    @Test
    void anImmutableRepositoryRefusesToMoveATag() {
        ecr.createRepository(r -> r.repositoryName("web").imageTagMutability(ImageTagMutability.IMMUTABLE));
        push("web", "v1", manifest(1));

        assertAwsError(() -> push("web", "v1", manifest(2)), "ImageTagAlreadyExistsException", "The image tag 'v1' "
                + "already exists in the 'web' repository and cannot be overwritten because the repository is "
                + "immutable.");
    }

    @Test
    void aMutableRepositoryMovesTheTagAndKeepsTheOldImageUntagged() {
        ecr.createRepository(r -> r.repositoryName("web"));
        String old = push("web", "latest", manifest(1));
        String current = push("web", "latest", manifest(2));

        List<ImageDetail> images = ecr.describeImages(r -> r.repositoryName("web")).imageDetails();

        assertThat(images).extracting(ImageDetail::imageDigest).containsExactly(old, current);
        assertThat(images.get(0).imageTags()).isEmpty();
        assertThat(images.get(1).imageTags()).containsExactly("latest");
    }

    @Test
    void describeImagesFindsAnImageByTagOrByDigest() {
        ecr.createRepository(r -> r.repositoryName("web"));
        String digest = push("web", "v1", manifest(1));

        ImageDetail byTag = ecr.describeImages(r -> r.repositoryName("web").imageIds(tag("v1"))).imageDetails().get(0);
        ImageDetail byDigest = ecr.describeImages(r -> r.repositoryName("web")
                .imageIds(ImageIdentifier.builder().imageDigest(digest).build())).imageDetails().get(0);

        assertThat(byTag.imageDigest()).isEqualTo(digest);
        assertThat(byDigest.imageTags()).containsExactly("v1");
        assertThat(byTag.imageSizeInBytes()).isEqualTo(1000L + 1469L + 2001L);
        assertThat(byTag.imagePushedAt()).isNotNull();
    }

    @Test
    void describingAMissingTagIsImageNotFound() {
        ecr.createRepository(r -> r.repositoryName("web"));

        assertAwsError(() -> ecr.describeImages(r -> r.repositoryName("web").imageIds(tag("v9"))),
                "ImageNotFoundException", "The image with imageId {imageDigest:'null', imageTag:'v9'} does not exist "
                        + "within the repository with name 'web' in the registry with id '123456789012'");
    }

    @Test
    void describeImagesPagesWithMaxResults() {
        ecr.createRepository(r -> r.repositoryName("web"));
        for (int i = 1; i <= 5; i++) {
            push("web", "v" + i, manifest(i));
        }

        var first = ecr.describeImages(r -> r.repositoryName("web").maxResults(3));

        assertThat(first.imageDetails()).hasSize(3);
        assertThat(first.nextToken()).isNotNull();
        assertThat(ecr.describeImagesPaginator(r -> r.repositoryName("web").maxResults(3)).imageDetails().stream()
                .flatMap(d -> d.imageTags().stream())).containsExactly("v1", "v2", "v3", "v4", "v5");
    }

    @Test
    void batchGetImageReturnsFoundImagesAndAFailurePerMissingOne() {
        ecr.createRepository(r -> r.repositoryName("web"));
        String manifest = manifest(1);
        push("web", "v1", manifest);

        var result = ecr.batchGetImage(r -> r.repositoryName("web").imageIds(tag("v1"), tag("v2")));

        assertThat(result.images()).singleElement().satisfies(image -> {
            assertThat(image.imageManifest()).isEqualTo(manifest);
            assertThat(image.imageId().imageTag()).isEqualTo("v1");
        });
        assertThat(result.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.imageId().imageTag()).isEqualTo("v2");
            assertThat(failure.failureCode()).isEqualTo(ImageFailureCode.IMAGE_NOT_FOUND);
            assertThat(failure.failureReason()).isEqualTo("Requested image not found");
        });
    }

    @Test
    void listImagesListsATaggedImageOncePerTagAndFiltersByTagStatus() {
        ecr.createRepository(r -> r.repositoryName("web"));
        String untagged = push("web", "v1", manifest(1));
        String tagged = push("web", "v1", manifest(2));
        push("web", "stable", manifest(2));

        List<ImageIdentifier> all = ecr.listImages(r -> r.repositoryName("web")).imageIds();
        List<ImageIdentifier> onlyUntagged = ecr.listImages(r -> r.repositoryName("web")
                .filter(f -> f.tagStatus(TagStatus.UNTAGGED))).imageIds();

        assertThat(all).containsExactly(ImageIdentifier.builder().imageDigest(untagged).build(),
                ImageIdentifier.builder().imageDigest(tagged).imageTag("v1").build(),
                ImageIdentifier.builder().imageDigest(tagged).imageTag("stable").build());
        assertThat(onlyUntagged).containsExactly(ImageIdentifier.builder().imageDigest(untagged).build());
    }

    @Test
    void listImagesPagesWithMaxResults() {
        ecr.createRepository(r -> r.repositoryName("web"));
        for (int i = 1; i <= 4; i++) {
            push("web", "v" + i, manifest(i));
        }

        var first = ecr.listImages(r -> r.repositoryName("web").maxResults(3));
        var rest = ecr.listImages(r -> r.repositoryName("web").maxResults(3).nextToken(first.nextToken()));

        assertThat(first.imageIds()).extracting(ImageIdentifier::imageTag).containsExactly("v1", "v2", "v3");
        assertThat(rest.imageIds()).extracting(ImageIdentifier::imageTag).containsExactly("v4");
        assertThat(rest.nextToken()).isNull();
    }

    @Test
    void deletingAnImagesLastTagDeletesTheImage() {
        ecr.createRepository(r -> r.repositoryName("web"));
        String digest = push("web", "v1", manifest(1));

        var result = ecr.batchDeleteImage(r -> r.repositoryName("web").imageIds(tag("v1"), tag("v2")));

        assertThat(result.imageIds()).containsExactly(ImageIdentifier.builder().imageDigest(digest).imageTag("v1")
                .build());
        assertThat(result.failures()).singleElement()
                .satisfies(f -> assertThat(f.failureCode()).isEqualTo(ImageFailureCode.IMAGE_NOT_FOUND));
        assertThat(ecr.listImages(r -> r.repositoryName("web")).imageIds()).isEmpty();
    }

    @Test
    void deletingByDigestRemovesTheImageWithAllItsTags() {
        ecr.createRepository(r -> r.repositoryName("web"));
        String digest = push("web", "v1", manifest(1));
        push("web", "stable", manifest(1));

        var result = ecr.batchDeleteImage(r -> r.repositoryName("web")
                .imageIds(ImageIdentifier.builder().imageDigest(digest).build()));

        assertThat(result.imageIds()).extracting(ImageIdentifier::imageTag).containsExactly("v1", "stable");
        assertThat(ecr.describeImages(r -> r.repositoryName("web")).imageDetails()).isEmpty();
    }

    @Test
    void tagsAreAddedListedAndRemovedByRepositoryArn() {
        String arn = ecr.createRepository(r -> r.repositoryName("web")).repository().repositoryArn();

        ecr.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("team").value("payments").build(),
                Tag.builder().key("env").value("dev").build()));
        ecr.untagResource(r -> r.resourceArn(arn).tagKeys("env"));

        assertThat(ecr.listTagsForResource(r -> r.resourceArn(arn)).tags())
                .containsExactly(Tag.builder().key("team").value("payments").build());
    }

    @Test
    void taggingAMissingRepositoryIsRepositoryNotFound() {
        assertAwsError(() -> ecr.listTagsForResource(r -> r.resourceArn(
                "arn:aws:ecr:us-east-1:123456789012:repository/gone")), "RepositoryNotFoundException",
                "The repository with name 'gone' does not exist in the registry with id '123456789012'");
    }

    @Test
    void makingATagOfAMissingRepositoryFailThroughTheControlApiIsABadRequest() throws Exception {
        var response = sandbox.controlResponse("POST", "images/fail", "{\"repository\":\"gone\",\"tag\":\"v1\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("The repository with name 'gone' does not exist");
    }

    @Test
    void theStateDumpShowsEachRepositoryWithItsImages() throws Exception {
        ecr.createRepository(r -> r.repositoryName("web"));
        push("web", "v1", manifest(1));

        JsonNode state = new ObjectMapper().readTree(sandbox.control("GET", "state", ""));

        assertThat(state.at("/ecr/repositories/0/repositoryName").asText()).isEqualTo("web");
        assertThat(state.at("/ecr/repositories/0/images/0/imageTags/0").asText()).isEqualTo("v1");
    }

    @Test
    void theAwsCliCreatesDescribesAndDeletesARepository() throws Exception {
        AwsCli aws = new AwsCli(sandbox.endpoint());

        JsonNode created = aws.run("ecr", "create-repository", "--repository-name", "cli-app").json();
        JsonNode described = aws.run("ecr", "describe-repositories").json();
        JsonNode deleted = aws.run("ecr", "delete-repository", "--repository-name", "cli-app").json();
        AwsCli.Result missing = aws.run("ecr", "describe-repositories", "--repository-names", "cli-app");

        assertThat(created.at("/repository/repositoryUri").asText()).isEqualTo(REGISTRY + "/cli-app");
        assertThat(described.at("/repositories/0/repositoryName").asText()).isEqualTo("cli-app");
        assertThat(deleted.at("/repository/repositoryName").asText()).isEqualTo("cli-app");
        assertThat(missing.exitCode()).isEqualTo(254);
        assertThat(missing.stderr()).contains("RepositoryNotFoundException");
    }

    private String push(String repository, String tag, String manifest) {
        return ecr.putImage(r -> r.repositoryName(repository).imageTag(tag).imageManifest(manifest)).image().imageId()
                .imageDigest();
    }

    private static ImageIdentifier tag(String tag) {
        return ImageIdentifier.builder().imageTag(tag).build();
    }

    /** A Docker image manifest; {@code n} makes its layer digest, and so its own digest, differ. */
    static String manifest(int n) {
        String layer = String.format("%064x", n);
        return """
                {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",\
                "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":1469,\
                "digest":"sha256:%s"},\
                "layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":1000,\
                "digest":"sha256:%s"},{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip",\
                "size":2001,"digest":"sha256:%s"}]}""".formatted(String.format("%064x", n + 100), layer,
                String.format("%064x", n + 200));
    }

    private static void assertAwsError(Runnable call, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(EcrException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
            assertThat(e.statusCode()).isEqualTo(400);
        });
    }
}
