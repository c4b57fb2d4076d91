package dev.ecsapp.sandbox.aws.elbv2.dataplane;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * One listener's requests through vertx-http-proxy's HttpProxy, as an interceptor: it routes each request, answers
 * fixed responses, redirects and 503s itself, and otherwise sends the request to the chosen target. It sends the
 * request itself (ProxyRequest.send with a client request it opens) rather than through an origin selector because
 * the selector can pick only the address: the idle timeout, which ALB applies per load balancer, is a per-request
 * option, and the proxy answers every failure with 502 where ALB tells a timeout (504) from a refusal (502).
 */
final class ListenerTraffic implements ProxyInterceptor {

    /** ALB's limit for connecting to a target; past it ALB answers 504 (ALB guide, "HTTP 504"). */
    private static final long CONNECT_TIMEOUT_MILLIS = 10_000;

    private final String listenerArn;
    private final String protocol;
    private final int awsPort;
    private final RequestRouter router;
    private final LockedCalls locked;
    private final TargetGroupMetrics metrics;

    ListenerTraffic(String listenerArn, String protocol, int awsPort, RequestRouter router, LockedCalls locked,
            TargetGroupMetrics metrics) {
        this.listenerArn = listenerArn;
        this.protocol = protocol;
        this.awsPort = awsPort;
        this.router = router;
        this.locked = locked;
        this.metrics = metrics;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        IncomingRequest parts = IncomingRequest.of(context.request().proxiedRequest());
        return locked.call(() -> router.route(listenerArn, parts))
                .compose(route -> carryOut(context, route))
                .recover(bug -> {
                    // A fault of the sandbox's own: answered, so that the client does not wait forever.
                    releaseUnread(context.request());
                    return Future.succeededFuture(error(context.request().response(), 500, "Internal Server Error"));
                });
    }

    private Future<ProxyResponse> carryOut(ProxyContext context, Route route) {
        ProxyRequest request = context.request();
        HttpServerRequest incoming = request.proxiedRequest();
        if (!(route instanceof Route.Forward)) {
            releaseUnread(request); // the load balancer answers itself; the body goes nowhere
        }
        if (route instanceof Route.Fixed fixed) {
            return Future.succeededFuture(answer(request.response(), fixed.status(), fixed.contentType(),
                    fixed.body()));
        }
        if (route instanceof Route.Redirect redirect) {
            return Future.succeededFuture(answer(request.response(), redirect.status(), "text/html", "")
                    .putHeader("Location", redirect.location()));
        }
        if (route instanceof Route.NoTarget none) {
            metrics.loadBalancerFailed(none.targetGroupArn());
            return Future.succeededFuture(error(request.response(), 503, "Service Temporarily Unavailable"));
        }
        Route.Forward forward = (Route.Forward) route;
        addForwardedHeaders(request, incoming);
        long idleMillis = forward.idleTimeoutSeconds() * 1000L;
        // The target sees the Host the client sent, as behind ALB; the connection goes to the target's address.
        HostAndPort authority = incoming.authority();
        RequestOptions options = new RequestOptions()
                .setServer(SocketAddress.inetSocketAddress(forward.port(), forward.ip()))
                .setHost(authority == null ? forward.ip() : authority.host())
                .setPort(authority == null || authority.port() < 0 ? forward.port() : authority.port())
                .setConnectTimeout(Math.min(CONNECT_TIMEOUT_MILLIS, idleMillis))
                .setIdleTimeout(idleMillis);
        long started = System.nanoTime();
        return context.client().request(options)
                .compose(request::send)
                .map(response -> {
                    metrics.targetResponded(forward.targetGroupArn(), response.getStatusCode(),
                            Duration.ofNanos(System.nanoTime() - started));
                    return response;
                })
                .recover(failure -> {
                    metrics.loadBalancerFailed(forward.targetGroupArn());
                    releaseUnread(request);
                    return Future.succeededFuture(timedOut(failure)
                            ? error(request.response(), 504, "Gateway Time-out")
                            : error(request.response(), 502, "Bad Gateway"));
                });
    }

    /** ALB appends the client's address to X-Forwarded-For and says which protocol and port the client used. */
    private void addForwardedHeaders(ProxyRequest request, HttpServerRequest incoming) {
        String client = incoming.remoteAddress().hostAddress();
        String forwardedFor = request.headers().get("X-Forwarded-For");
        request.headers().set("X-Forwarded-For", forwardedFor == null ? client : forwardedFor + ", " + client);
        request.headers().set("X-Forwarded-Proto", protocol.toLowerCase());
        request.headers().set("X-Forwarded-Port", String.valueOf(awsPort));
    }

    private static boolean timedOut(Throwable failure) {
        return failure instanceof TimeoutException || failure instanceof ConnectTimeoutException;
    }

    /**
     * Lets go of a request body no target read (the load balancer answers itself, or the connection failed before
     * the body was sent). Once the body was streamed to a target, as when the target then timed out, there is
     * nothing left to let go, and Vert.x refuses to resume a request already read (HTTP/2 says so with an
     * exception). A request already released has no body left.
     */
    private static void releaseUnread(ProxyRequest request) {
        if (request.getBody() == null) {
            return;
        }
        try {
            request.release();
        } catch (IllegalStateException alreadyRead) {
            // nothing unread
        }
    }

    /** An answer of the load balancer's own, in the HTML shape ALB gives its errors. */
    private static ProxyResponse error(ProxyResponse response, int status, String reason) {
        return answer(response, status, "text/html", "<html>\r\n<head><title>" + status + " " + reason
                + "</title></head>\r\n<body>\r\n<center><h1>" + status + " " + reason
                + "</h1></center>\r\n</body>\r\n</html>\r\n");
    }

    /** A response the load balancer makes itself, not the target's. */
    private static ProxyResponse answer(ProxyResponse response, int status, String contentType, String body) {
        Buffer bytes = Buffer.buffer(body);
        return response.setStatusCode(status)
                .putHeader("Content-Type", contentType)
                .putHeader("Content-Length", String.valueOf(bytes.length()))
                .setBody(Body.body(bytes));
    }
}
