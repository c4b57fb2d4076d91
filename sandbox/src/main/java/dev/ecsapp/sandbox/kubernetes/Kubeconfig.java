package dev.ecsapp.sandbox.kubernetes;

import java.net.URI;

/** The kubeconfig text that points kubectl and fabric8 at the sandbox's API server. */
final class Kubeconfig {

    /** The server checks no credentials; the token is there because some clients insist on having one. */
    private static final String TOKEN = "sandbox";

    private Kubeconfig() {
    }

    static String forServer(URI server) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: sandbox
                  cluster:
                    server: %s
                users:
                - name: sandbox
                  user:
                    token: %s
                contexts:
                - name: sandbox
                  context:
                    cluster: sandbox
                    user: sandbox
                    namespace: default
                current-context: sandbox
                """.formatted(server, TOKEN);
    }
}
