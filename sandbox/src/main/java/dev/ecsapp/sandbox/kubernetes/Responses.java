package dev.ecsapp.sandbox.kubernetes;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;

/** JSON answers in the shapes a Kubernetes API server gives. */
final class Responses {

    private Responses() {
    }

    static MockResponse json(int code, Object body) {
        return new MockResponse()
                .setResponseCode(code)
                .setHeader("Content-Type", "application/json")
                .setBody(Serialization.asJson(body));
    }

    /** A {@code Status} object, what the API server sends for every error; kubectl prints its message. */
    static MockResponse status(int code, String reason, String message) {
        return json(code, new StatusBuilder()
                .withStatus("Failure")
                .withCode(code)
                .withReason(reason)
                .withMessage(message)
                .build());
    }
}
