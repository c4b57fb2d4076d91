package dev.ecsapp.sandbox.aws.protocol;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/** Reflection over the AWS SDK's generated model classes: a builder for a class, a built object from a builder. */
final class SdkModels {

    private static final ConcurrentMap<Class<?>, java.lang.reflect.Method> BUILDERS = new ConcurrentHashMap<>();

    private SdkModels() {
    }

    /** A new, empty builder of a model class ({@code CreateServiceRequest.builder()}); builders are SdkPojos too. */
    static SdkPojo builderOf(Class<?> modelClass) {
        try {
            java.lang.reflect.Method builder = BUILDERS.computeIfAbsent(modelClass, type -> {
                try {
                    return type.getMethod("builder");
                } catch (NoSuchMethodException e) {
                    throw new IllegalArgumentException(type + " is not an AWS SDK model class", e);
                }
            });
            return (SdkPojo) builder.invoke(null);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot create a builder of " + modelClass, e);
        }
    }

    /** Builds the object a builder holds. */
    static SdkPojo build(SdkPojo builder) {
        return (SdkPojo) ((SdkBuilder<?, ?>) builder).build();
    }
}
