package dev.ecsapp.operator.desired;

import dev.ecsapp.operator.api.v1alpha1.RepositorySpec;
import java.util.Map;
import java.util.Optional;

/** The ECR repository of a managed image and the lifecycle policy keeping its newest images, as ECR names them. */
public record DesiredRepository(
        String name,
        boolean scanOnPush,
        String tagMutability,
        String lifecyclePolicy,
        Map<String, String> tags) {

    /** Present only when the app asks the operator to manage the repository. */
    public static Optional<DesiredRepository> of(AppInput input) {
        RepositorySpec repository = input.spec().repository();
        if (repository == null || !repository.managed()) {
            return Optional.empty();
        }
        String name = repository.name() != null ? repository.name() : input.names().defaultRepositoryName();
        return Optional.of(new DesiredRepository(name, repository.scanOnPush(), repository.tagMutability().name(),
                lifecyclePolicy(repository.keepLastImages()), input.tags()));
    }

    /** ECR's policy document; compared semantically, so its formatting is free. */
    static String lifecyclePolicy(int keepLastImages) {
        return """
                {"rules":[{"rulePriority":1,"description":"Keep the newest %d images",\
                "selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":%d},\
                "action":{"type":"expire"}}]}""".formatted(keepLastImages, keepLastImages);
    }
}
