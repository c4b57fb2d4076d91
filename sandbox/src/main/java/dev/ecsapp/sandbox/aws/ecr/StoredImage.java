package dev.ecsapp.sandbox.aws.ecr;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import software.amazon.awssdk.services.ecr.model.TagStatus;

/** One image in a repository: a manifest, known by its digest, carrying zero or more tags. */
final class StoredImage {

    final String digest;
    final String manifest;
    final String mediaType;
    final String artifactMediaType;
    final long sizeInBytes;
    final Instant pushedAt;
    final Set<String> tags = new LinkedHashSet<>();

    StoredImage(String digest, String manifest, String mediaType, String artifactMediaType, long sizeInBytes,
            Instant pushedAt) {
        this.digest = digest;
        this.manifest = manifest;
        this.mediaType = mediaType;
        this.artifactMediaType = artifactMediaType;
        this.sizeInBytes = sizeInBytes;
        this.pushedAt = pushedAt;
    }

    /** Whether a listing filtered by tag status shows this image. */
    boolean hasStatus(TagStatus status) {
        return switch (status == null ? TagStatus.ANY : status) {
            case TAGGED -> !tags.isEmpty();
            case UNTAGGED -> tags.isEmpty();
            default -> true;
        };
    }
}
