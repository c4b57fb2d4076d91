package dev.ecsapp.sandbox.aws;

import java.util.Optional;

/** What ECS asks the registry before a task starts: can this image be pulled? ECR answers it. */
public interface ImageRegistry {

    /**
     * Why a task cannot pull {@code image}, as ECS words a task's stoppedReason
     * ({@code CannotPullContainerError: ...}), or empty when it can. Images of other registries count as pullable.
     */
    Optional<String> pullFailure(String image);

    /** Makes pulls of one tag fail from now on, as if it was deleted or corrupt (the control API's image fault). */
    void failTag(String repositoryName, String tag);
}
