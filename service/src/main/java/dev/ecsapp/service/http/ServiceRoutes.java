package dev.ecsapp.service.http;

import dev.ecsapp.service.BuildInfo;
import dev.ecsapp.service.Readiness;
import dev.ecsapp.service.logging.AccessLog;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.TooLongFrameException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The service's HTTP surface: one handler method per route, and JSON answers for every error.
 *
 * <p>Only GET and HEAD exist. Any other method on a known path answers 405 with {@code Allow}; an unknown path 404;
 * a path with broken percent-encoding 400; a body over {@link #BODY_LIMIT_BYTES} 413; an exception 500 with a generic
 * body (the stack trace goes to the log, never to the client).
 *
 * <p>Five fixed paths need no router: a map look-up dispatches them. Vert.x Web's router cost about a tenth of the
 * throughput of {@code /health}, which load balancers and probes call more than anything else.
 */
public final class ServiceRoutes implements Handler<HttpServerRequest> {

    /** None of the routes takes a body; the limit only keeps a client from making the service read one. */
    public static final int BODY_LIMIT_BYTES = 16 * 1024;
    static final String JSON = "application/json";
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    static final String ALLOW = "GET, HEAD";
    static final List<String> PATHS = List.of("/", "/health", "/ready", "/version", "/metrics");

    private static final Logger LOG = Logger.getLogger(ServiceRoutes.class.getName());

    private final Readiness readiness;
    private final PrometheusMeterRegistry registry;
    private final RequestMetrics requestMetrics;
    private final AccessLog accessLog;
    private final Map<String, Handler<HttpServerRequest>> routes = new LinkedHashMap<>();
    private final byte[] health;
    private final byte[] version;
    private final byte[] greeting;

    /** @param basePath a prefix every path is served under too (such as {@code /orders}), or empty for none */
    public ServiceRoutes(BuildInfo build, String serviceName, String host, String basePath, Readiness readiness,
            PrometheusMeterRegistry registry, AccessLog accessLog) {
        this.readiness = readiness;
        this.registry = registry;
        this.accessLog = accessLog;
        // The answers that never change are encoded once, not per request.
        this.health = new JsonObject().put("status", "UP").toBuffer().getBytes();
        this.version = new JsonObject()
                .put("version", build.version())
                .put("commit", build.commit())
                .put("buildTime", build.buildTime())
                .toBuffer().getBytes();
        this.greeting = new JsonObject()
                .put("service", serviceName)
                .put("version", build.version())
                .put("host", host)
                .toBuffer().getBytes();
        routes.put("/", this::greeting);
        routes.put("/health", this::health);
        routes.put("/ready", this::ready);
        routes.put("/version", this::version);
        routes.put("/metrics", this::metrics);
        if (!basePath.isEmpty()) {
            // Both /orders and /orders/ greet: an ALB rule for "/orders*" or "/orders/*" sends either.
            Map<String, Handler<HttpServerRequest>> prefixed = new LinkedHashMap<>();
            routes.forEach((path, handler) -> prefixed.put(basePath + path, handler));
            prefixed.put(basePath, this::greeting);
            routes.putAll(prefixed);
        }
        // Counted by the path served, the prefixed ones too: each is still one of a fixed few.
        this.requestMetrics = new RequestMetrics(registry, List.copyOf(routes.keySet()));
    }

    @Override
    public void handle(HttpServerRequest request) {
        long start = System.nanoTime();
        HttpServerResponse response = request.response();
        response.endHandler(ended -> observe(request, response, start));
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean chunked = length == null && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        if (length == null && !chunked) {
            dispatch(request);
        } else {
            readBodyWithinLimit(request, length);
        }
    }

    /** Answers requests the HTTP decoder rejected (bad request line, oversized headers) with JSON, then closes. */
    public static void invalidRequest(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        int status = 400;
        String reason = "Bad Request";
        if (cause instanceof TooLongFrameException) {
            boolean line = cause.getClass().getSimpleName().contains("Line");
            status = line ? 414 : 431;
            reason = line ? "URI Too Long" : "Request Header Fields Too Large";
        }
        request.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(errorBody(status, reason, "malformed HTTP request"))
                .onComplete(done -> request.connection().close());
        LOG.log(Level.FINE, "rejected a malformed request: {0}", cause == null ? "unknown" : cause.getMessage());
    }

    private void dispatch(HttpServerRequest request) {
        String path = request.path();
        Handler<HttpServerRequest> route = routes.get(path);
        try {
            if (route == null) {
                if (hasBrokenPercentEncoding(path)) {
                    error(request, 400, "Bad Request", "the path has an invalid percent-encoding");
                } else {
                    error(request, 404, "Not Found", "no such path; the paths are " + PATHS);
                }
            } else if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
                request.response().putHeader(HttpHeaders.ALLOW, ALLOW);
                error(request, 405, "Method Not Allowed", "this path answers " + ALLOW);
            } else {
                route.handle(request);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "request failed: " + request.method() + " " + path, e);
            error(request, 500, "Internal Server Error", "the request failed; the service log has the details");
        }
    }

    /**
     * Reads a body before answering, within the limit: a declared length over it, or a chunked body that grows over
     * it, answers 413 and closes the connection (the rest of the body is never read).
     */
    private void readBodyWithinLimit(HttpServerRequest request, String declaredLength) {
        long declared;
        try {
            declared = declaredLength == null ? 0 : Long.parseLong(declaredLength.trim());
        } catch (NumberFormatException e) {
            declared = -1;
        }
        if (declared < 0) {
            closeWith(request, 400, "Bad Request", "Content-Length is not a number");
            return;
        }
        if (declared > BODY_LIMIT_BYTES) {
            closeWith(request, 413, "Content Too Large", "request bodies are limited to " + BODY_LIMIT_BYTES + " bytes");
            return;
        }
        long[] received = {0};
        request.handler(chunk -> {
            received[0] += chunk.length();
            if (received[0] > BODY_LIMIT_BYTES && !request.response().ended()) {
                closeWith(request, 413, "Content Too Large",
                        "request bodies are limited to " + BODY_LIMIT_BYTES + " bytes");
            }
        });
        request.endHandler(ended -> {
            if (!request.response().ended()) {
                dispatch(request);
            }
        });
    }

    private void observe(HttpServerRequest request, HttpServerResponse response, long start) {
        long nanos = System.nanoTime() - start;
        int status = response.getStatusCode();
        String method = RequestMetrics.methodLabel(request.method().name());
        String path = request.path() == null ? "" : request.path();
        requestMetrics.record(path, method, status, nanos);
        if (accessLog.enabled()) {
            SocketAddress remote = request.remoteAddress();
            accessLog.log(method, path, status, nanos, response.bytesWritten(), remote == null ? "" : remote.hostAddress());
        }
    }

    private void health(HttpServerRequest request) {
        json(request, 200, health);
    }

    private void ready(HttpServerRequest request) {
        byte[] body = new JsonObject().put("status", readiness.state().name()).toBuffer().getBytes();
        json(request, readiness.isServing() ? 200 : 503, body);
    }

    private void version(HttpServerRequest request) {
        json(request, 200, version);
    }

    private void greeting(HttpServerRequest request) {
        json(request, 200, greeting);
    }

    private void metrics(HttpServerRequest request) {
        request.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, PROMETHEUS_TEXT)
                .end(registry.scrape());
    }

    private static void json(HttpServerRequest request, int status, byte[] body) {
        request.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                .end(Buffer.buffer(body));
    }

    private static Future<Void> error(HttpServerRequest request, int status, String reason, String message) {
        HttpServerResponse response = request.response();
        if (response.ended() || response.headWritten()) {
            return Future.succeededFuture();
        }
        return response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                .end(errorBody(status, reason, message));
    }

    /** Answers and closes the connection: the unread rest of a body must not be parsed as the next request. */
    private static void closeWith(HttpServerRequest request, int status, String reason, String message) {
        request.response().putHeader(HttpHeaders.CONNECTION, "close");
        error(request, status, reason, message).onComplete(done -> request.connection().close());
    }

    private static Buffer errorBody(int status, String reason, String message) {
        return new JsonObject().put("status", status).put("error", reason).put("message", message).toBuffer();
    }

    /** True when a '%' is not followed by two hex digits (RFC 3986, section 2.1). */
    static boolean hasBrokenPercentEncoding(String path) {
        for (int i = path.indexOf('%'); i >= 0; i = path.indexOf('%', i + 1)) {
            if (i + 2 >= path.length() || Character.digit(path.charAt(i + 1), 16) < 0
                    || Character.digit(path.charAt(i + 2), 16) < 0) {
                return true;
            }
        }
        return false;
    }
}
