package dev.ecsapp.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** The ECR repository of the app's image, optionally managed by the operator. */
public record RepositorySpec(
        @Default("false")
        @JsonPropertyDescription("Create the repository, keep its settings and lifecycle policy, and delete it with "
                + "the app (unless deletionPolicy is Retain). Default false: the repository is someone else's.")
        Boolean managed,

        @Size(min = 2, max = 256)
        @Pattern("^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$")
        @JsonPropertyDescription("Repository name. Default <namespace>/<name> of the EcsApp.")
        String name,

        @Default("true")
        @JsonPropertyDescription("Scan images for vulnerabilities when pushed. Default true.")
        Boolean scanOnPush,

        @Default("30")
        @Min(1)
        @Max(1000)
        @JsonPropertyDescription("Keep this many newest images; a lifecycle policy expires older ones. Default 30.")
        Integer keepLastImages,

        @Default("MUTABLE")
        @JsonPropertyDescription("MUTABLE lets a tag be pushed again; IMMUTABLE refuses it. Default MUTABLE.")
        TagMutability tagMutability) {

    public static final int DEFAULT_KEEP_LAST_IMAGES = 30;

    public RepositorySpec {
        managed = managed != null && managed;
        scanOnPush = scanOnPush == null || scanOnPush;
        keepLastImages = keepLastImages == null ? DEFAULT_KEEP_LAST_IMAGES : keepLastImages;
        tagMutability = tagMutability == null ? TagMutability.MUTABLE : tagMutability;
    }
}
