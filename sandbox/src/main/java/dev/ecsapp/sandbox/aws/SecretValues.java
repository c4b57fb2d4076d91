package dev.ecsapp.sandbox.aws;

import java.util.Optional;

/**
 * What ECS puts in a container's environment for one entry of its {@code secrets}: the {@code valueFrom} resolved
 * from Secrets Manager (a secret's ARN, with ECS's optional {@code :json-key:version-stage:version-id}) or from SSM
 * Parameter Store (a parameter's ARN or name). Empty when it does not resolve, which stops the task as ECS does.
 */
public interface SecretValues {

    SecretValues NONE = valueFrom -> Optional.empty();

    Optional<String> resolve(String valueFrom);
}
