package dev.ecsapp.operator.api.v1alpha1;

/** The Fargate capacity providers ECS offers. */
public enum CapacityProvider {
    FARGATE,
    FARGATE_SPOT
}
