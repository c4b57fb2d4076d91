package dev.ecsapp.sandbox.kubernetes.server;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A refusal the API server answers with a {@code Status} object; {@link Statuses} words them as kube-apiserver. */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ObjectNode status;

    ApiException(ObjectNode status) {
        super(status.path("message").asText(), null, false, false);
        this.status = status;
    }

    int code() {
        return status.path("code").asInt();
    }

    ObjectNode status() {
        return status;
    }
}
