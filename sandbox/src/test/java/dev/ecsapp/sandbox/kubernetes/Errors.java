package dev.ecsapp.sandbox.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** The HTTP code of the API server's refusal, as the fabric8 client reports it. */
final class Errors {

    private Errors() {
    }

    static int codeOf(Runnable call) {
        try {
            call.run();
        } catch (KubernetesClientException e) {
            return e.getCode();
        }
        throw new AssertionError("the call succeeded; a refusal was expected");
    }
}
