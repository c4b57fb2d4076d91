package dev.ecsapp.sandbox.aws.ecr;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecr.model.EncryptionConfiguration;
import software.amazon.awssdk.services.ecr.model.ImageFailure;
import software.amazon.awssdk.services.ecr.model.ImageFailureCode;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;

/** One repository's settings and images. */
final class StoredRepository {

    private static final Pattern DIGEST = Pattern.compile("[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+");

    final String name;
    final Instant createdAt;
    final EncryptionConfiguration encryption;
    TagMutability tagMutability;
    boolean scanOnPush;
    String lifecyclePolicyText;
    /** When the policy was last applied (GetLifecyclePolicy's lastEvaluatedAt). */
    Instant lifecycleEvaluatedAt;
    final Map<String, String> tags = new TreeMap<>();
    /** In push order. */
    final List<StoredImage> images = new ArrayList<>();
    /** Tags whose pulls fail (the control API's image fault) until they are pushed again. */
    final Set<String> failedTags = new HashSet<>();

    StoredRepository(String name, Instant createdAt, EncryptionConfiguration encryption, TagMutability tagMutability,
            boolean scanOnPush) {
        this.name = name;
        this.createdAt = createdAt;
        this.encryption = encryption;
        this.tagMutability = tagMutability;
        this.scanOnPush = scanOnPush;
    }

    Optional<StoredImage> byDigest(String digest) {
        return images.stream().filter(i -> i.digest.equals(digest)).findFirst();
    }

    Optional<StoredImage> byTag(String tag) {
        return images.stream().filter(i -> i.tags.contains(tag)).findFirst();
    }

    /** Whether a pull of this image fails: one of its tags was made to fail. */
    boolean corrupt(StoredImage image) {
        return image.tags.stream().anyMatch(failedTags::contains);
    }

    /** The image an identifier names: by digest (and then the tag must be one of its tags), else by tag. */
    Optional<StoredImage> find(ImageIdentifier id) {
        if (id.imageDigest() != null) {
            return byDigest(id.imageDigest()).filter(image -> id.imageTag() == null
                    || image.tags.contains(id.imageTag()));
        }
        return id.imageTag() == null ? Optional.empty() : byTag(id.imageTag());
    }

    /** Why a batch operation cannot use this identifier, in ECR's failure codes and reasons, or empty. */
    Optional<ImageFailure> failure(ImageIdentifier id) {
        if (id.imageDigest() == null && id.imageTag() == null) {
            return failure(id, ImageFailureCode.MISSING_DIGEST_AND_TAG,
                    "Invalid request parameters: both tag and digest cannot be null");
        }
        if (id.imageDigest() != null && !DIGEST.matcher(id.imageDigest()).matches()) {
            return failure(id, ImageFailureCode.INVALID_IMAGE_DIGEST,
                    "Invalid request parameters: image digest should satisfy the regex "
                            + "'[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+'");
        }
        if (find(id).isPresent()) {
            return Optional.empty();
        }
        if (id.imageDigest() != null && id.imageTag() != null && byDigest(id.imageDigest()).isPresent()) {
            return failure(id, ImageFailureCode.IMAGE_TAG_DOES_NOT_MATCH_DIGEST,
                    "Invalid request parameters: image tag does not match digest");
        }
        return failure(id, ImageFailureCode.IMAGE_NOT_FOUND, "Requested image not found");
    }

    private static Optional<ImageFailure> failure(ImageIdentifier id, ImageFailureCode code, String reason) {
        return Optional.of(ImageFailure.builder().imageId(id).failureCode(code).failureReason(reason).build());
    }
}
