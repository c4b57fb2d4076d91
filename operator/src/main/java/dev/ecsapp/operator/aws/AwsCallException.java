package dev.ecsapp.operator.aws;

/** An AWS call that failed, already classified by {@link AwsErrors}; adapters throw it instead of SDK exceptions. */
public final class AwsCallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient AwsFailure failure;

    public AwsCallException(String operation, AwsFailure failure, Throwable cause) {
        super(operation + " failed (" + failure.kind() + "): " + failure.conditionMessage(), cause);
        this.failure = failure;
    }

    public AwsFailure failure() {
        return failure;
    }
}
