package dev.ecsapp.operator.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsapp.operator.desired.DesiredRepository;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.Tag;

/** ECR repositories the app manages: observe, create with scanning, mutability and lifecycle policy, update, delete. */
public final class RepositoryAdapter {

    public static final String SCAN_ON_PUSH = "scanOnPush";
    public static final String TAG_MUTABILITY = "tagMutability";
    public static final String LIFECYCLE_POLICY = "lifecyclePolicy";
    public static final String TAGS = "tags";

    private final EcrClient ecr;
    private final ObjectMapper json = new ObjectMapper();

    public RepositoryAdapter(EcrClient ecr) {
        this.ecr = ecr;
    }

    public Optional<ObservedRepository> observe(String name) {
        Optional<Repository> found = AwsErrors.find("DescribeRepositories",
                () -> ecr.describeRepositories(r -> r.repositoryNames(name)))
                .flatMap(r -> r.repositories().stream().findFirst());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Repository repository = found.get();
        String policy = AwsErrors.find("GetLifecyclePolicy", () -> ecr.getLifecyclePolicy(r -> r.repositoryName(name)))
                .map(r -> r.lifecyclePolicyText()).orElse(null);
        Map<String, String> tags = new TreeMap<>();
        AwsErrors.call("ListTagsForResource", () -> ecr.listTagsForResource(r -> r.resourceArn(
                repository.repositoryArn()))).tags().forEach(tag -> tags.put(tag.key(), tag.value()));
        boolean scanOnPush = repository.imageScanningConfiguration() != null
                && Boolean.TRUE.equals(repository.imageScanningConfiguration().scanOnPush());
        return Optional.of(new ObservedRepository(repository.repositoryArn(), repository.repositoryUri(),
                new DesiredRepository(name, scanOnPush, repository.imageTagMutabilityAsString(), policy,
                        TagChanges.withoutAwsTags(tags))));
    }

    /** The paths that differ; the lifecycle policy compares as JSON, so its formatting makes no difference. */
    public SortedSet<String> changes(DesiredRepository desired, ObservedRepository observed) {
        SortedSet<String> paths = new TreeSet<>();
        DesiredRepository seen = observed.shape();
        if (desired.scanOnPush() != seen.scanOnPush()) {
            paths.add(SCAN_ON_PUSH);
        }
        if (!desired.tagMutability().equals(seen.tagMutability())) {
            paths.add(TAG_MUTABILITY);
        }
        if (!sameJson(desired.lifecyclePolicy(), seen.lifecyclePolicy())) {
            paths.add(LIFECYCLE_POLICY);
        }
        if (!TagChanges.between(desired.tags(), seen.tags()).none()) {
            paths.add(TAGS);
        }
        return paths;
    }

    /** Creates the repository and its lifecycle policy; returns its ARN. */
    public String create(DesiredRepository desired) {
        String arn = AwsErrors.call("CreateRepository", () -> ecr.createRepository(r -> r
                .repositoryName(desired.name())
                .imageScanningConfiguration(c -> c.scanOnPush(desired.scanOnPush()))
                .imageTagMutability(ImageTagMutability.fromValue(desired.tagMutability()))
                .tags(tags(desired.tags())))).repository().repositoryArn();
        putLifecyclePolicy(desired);
        return arn;
    }

    public SortedSet<String> update(DesiredRepository desired, ObservedRepository observed) {
        SortedSet<String> paths = changes(desired, observed);
        if (paths.contains(SCAN_ON_PUSH)) {
            AwsErrors.call("PutImageScanningConfiguration", () -> ecr.putImageScanningConfiguration(r -> r
                    .repositoryName(desired.name()).imageScanningConfiguration(c -> c.scanOnPush(
                            desired.scanOnPush()))));
        }
        if (paths.contains(TAG_MUTABILITY)) {
            AwsErrors.call("PutImageTagMutability", () -> ecr.putImageTagMutability(r -> r
                    .repositoryName(desired.name()).imageTagMutability(desired.tagMutability())));
        }
        if (paths.contains(LIFECYCLE_POLICY)) {
            putLifecyclePolicy(desired);
        }
        if (paths.contains(TAGS)) {
            TagChanges changes = TagChanges.between(desired.tags(), observed.shape().tags());
            if (!changes.toSet().isEmpty()) {
                AwsErrors.call("TagResource", () -> ecr.tagResource(r -> r.resourceArn(observed.arn())
                        .tags(tags(changes.toSet()))));
            }
            if (!changes.toRemove().isEmpty()) {
                AwsErrors.call("UntagResource", () -> ecr.untagResource(r -> r.resourceArn(observed.arn())
                        .tagKeys(changes.toRemove())));
            }
        }
        return paths;
    }

    /**
     * Deletes the repository with its images (force: a managed repository goes with its app, as deletionPolicy
     * Delete asks); true when there was one.
     */
    public boolean delete(String name) {
        return AwsErrors.find("DeleteRepository", () -> ecr.deleteRepository(r -> r.repositoryName(name).force(true)))
                .isPresent();
    }

    private void putLifecyclePolicy(DesiredRepository desired) {
        AwsErrors.call("PutLifecyclePolicy", () -> ecr.putLifecyclePolicy(r -> r.repositoryName(desired.name())
                .lifecyclePolicyText(desired.lifecyclePolicy())));
    }

    private boolean sameJson(String desired, String observed) {
        if (desired == null || observed == null) {
            return Objects.equals(desired, observed);
        }
        try {
            return json.readTree(desired).equals(json.readTree(observed));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static java.util.List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }
}
