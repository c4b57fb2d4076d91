package dev.ecsapp.operator.api.v1alpha1;

/** Whether ECR accepts a second push of the same tag. */
public enum TagMutability {
    MUTABLE,
    IMMUTABLE
}
