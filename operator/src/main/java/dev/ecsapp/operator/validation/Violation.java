package dev.ecsapp.operator.validation;

/** One problem of a spec: the field, and a message that names it and says how to fix it. */
public record Violation(String fieldPath, String message) {

    @Override
    public String toString() {
        return fieldPath + ": " + message;
    }
}
