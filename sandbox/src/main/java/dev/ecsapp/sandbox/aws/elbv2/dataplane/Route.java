package dev.ecsapp.sandbox.aws.elbv2.dataplane;

/** What the listener does with one request, decided under the sandbox's lock and carried out without it. */
sealed interface Route {

    /** A fixed-response action. */
    record Fixed(int status, String contentType, String body) implements Route {
    }

    /** A redirect action, its Location filled in. */
    record Redirect(int status, String location) implements Route {
    }

    /** A forward action to a target group that has a target to take the request. */
    record Forward(String targetGroupArn, String ip, int port, int idleTimeoutSeconds) implements Route {
    }

    /** A forward action to a target group with no target to send to: ALB answers 503. */
    record NoTarget(String targetGroupArn) implements Route {
    }
}
