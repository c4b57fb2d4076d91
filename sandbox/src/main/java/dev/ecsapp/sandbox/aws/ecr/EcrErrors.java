package dev.ecsapp.sandbox.aws.ecr;

import dev.ecsapp.sandbox.aws.protocol.AwsException;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;

/** ECR's errors, with the messages it sends (they name the repository and the registry). */
final class EcrErrors {

    private EcrErrors() {
    }

    static AwsException invalidParameter(String message) {
        return new AwsException("InvalidParameterException", message);
    }

    static AwsException repositoryNotFound(String repository, String registryId) {
        return new AwsException("RepositoryNotFoundException", "The repository with name '" + repository
                + "' does not exist in the registry with id '" + registryId + "'");
    }

    static AwsException repositoryAlreadyExists(String repository, String registryId) {
        return new AwsException("RepositoryAlreadyExistsException", "The repository with name '" + repository
                + "' already exists in the registry with id '" + registryId + "'");
    }

    static AwsException repositoryNotEmpty(String repository, String registryId) {
        return new AwsException("RepositoryNotEmptyException", "The repository with name '" + repository
                + "' in registry with id '" + registryId + "' cannot be deleted because it still contains images");
    }

    static AwsException lifecyclePolicyNotFound(String repository, String registryId) {
        return new AwsException("LifecyclePolicyNotFoundException", "Lifecycle policy does not exist for the "
                + "repository with name '" + repository + "' in the registry with id '" + registryId + "'");
    }

    static AwsException imageNotFound(ImageIdentifier id, String repository, String registryId) {
        return new AwsException("ImageNotFoundException", "The image with imageId {imageDigest:'" + id.imageDigest()
                + "', imageTag:'" + id.imageTag() + "'} does not exist within the repository with name '" + repository
                + "' in the registry with id '" + registryId + "'");
    }

    static AwsException imageAlreadyExists(String digest, String tag, String repository, String registryId) {
        return new AwsException("ImageAlreadyExistsException", "Image with digest '" + digest + "' and tag '" + tag
                + "' already exists in the repository with name '" + repository + "' in registry with id '"
                + registryId + "'");
    }

    static AwsException imageTagAlreadyExists(String tag, String repository) {
        return new AwsException("ImageTagAlreadyExistsException", "The image tag '" + tag + "' already exists in the '"
                + repository + "' repository and cannot be overwritten because the repository is immutable.");
    }

    static AwsException tooManyTags() {
        // The API reference's description of TooManyTagsException.
        return new AwsException("TooManyTagsException", "The list of tags on the repository is over the limit. The "
                + "maximum number of tags that can be applied to a repository is 50.");
    }

    static AwsException imageDigestDoesNotMatch() {
        return new AwsException("ImageDigestDoesNotMatchException", "Invalid parameter at 'imageDigest' failed to "
                + "satisfy constraint: 'The provided digest does not match the digest of the image manifest'");
    }

    static AwsException invalidTag() {
        // The API reference's description of InvalidTagParameterException.
        return new AwsException("InvalidTagParameterException", "An invalid parameter has been specified. Tag keys "
                + "can have a maximum character length of 128 characters, and tag values can have a maximum length "
                + "of 256 characters.");
    }
}
