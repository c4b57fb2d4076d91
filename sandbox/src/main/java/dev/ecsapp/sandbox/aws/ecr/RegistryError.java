package dev.ecsapp.sandbox.aws.ecr;

/** A refusal of the registry API: its HTTP status and the distribution spec's error code and message. */
final class RegistryError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;
    final String code;

    RegistryError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }
}
