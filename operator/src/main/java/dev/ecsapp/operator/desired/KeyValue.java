package dev.ecsapp.operator.desired;

/** A name and a value: an environment variable, or a secret's name and the ARN it comes from. */
public record KeyValue(String name, String value) {
}
