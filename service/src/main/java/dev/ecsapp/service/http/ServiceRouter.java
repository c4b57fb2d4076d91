package dev.ecsapp.service.http;

import dev.ecsapp.service.BuildInfo;
import dev.ecsapp.service.Readiness;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The service's HTTP surface: one handler method per route, and JSON answers for every error.
 *
 * <p>Only GET and HEAD exist. Any other method on a known path answers 405 with {@code Allow}; an unknown path 404;
 * a body over {@link #BODY_LIMIT_BYTES} 413; an exception 500 with a generic body (the stack trace goes to the log,
 * never to the client).
 */
public final class ServiceRouter {

    /** None of the routes takes a body; the limit only keeps a client from making the service buffer one. */
    public static final int BODY_LIMIT_BYTES = 16 * 1024;
    static final String JSON = "application/json";
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    static final String ALLOW = "GET, HEAD";
    static final Set<String> ROUTES = Set.of("/", "/health", "/ready", "/version", "/metrics");
    private static final Set<String> LOGGED_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
            "OPTIONS", "TRACE", "CONNECT");
    private static final int MAX_LOGGED_PATH = 256;

    private static final Logger ACCESS_LOG = Logger.getLogger("access");
    private static final Logger LOG = Logger.getLogger(ServiceRouter.class.getName());

    private final Readiness readiness;
    private final PrometheusMeterRegistry registry;
    private final RequestMetrics requestMetrics;
    private final byte[] health;
    private final byte[] version;
    private final byte[] greeting;

    public ServiceRouter(BuildInfo build, String serviceName, String host, Readiness readiness,
            PrometheusMeterRegistry registry) {
        this.readiness = readiness;
        this.registry = registry;
        this.requestMetrics = new RequestMetrics(registry, ROUTES);
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
    }

    public Router create(Vertx vertx) {
        Router router = Router.router(vertx);
        router.route().handler(this::observe);
        router.route().handler(bodyLimit());
        router.route("/health").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::health);
        router.route("/ready").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::ready);
        router.route("/version").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::version);
        router.route("/metrics").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::metrics);
        router.route("/").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::greeting);
        for (String path : ROUTES) {
            router.route(path).handler(this::methodNotAllowed);
        }
        router.route().handler(ctx -> error(ctx, 404, "Not Found", "no such path; the routes are " + ROUTES));
        router.errorHandler(400, ctx -> error(ctx, 400, "Bad Request", "the request could not be parsed"));
        router.errorHandler(404, ctx -> error(ctx, 404, "Not Found", "no such path; the routes are " + ROUTES));
        router.errorHandler(413, ctx -> error(ctx, 413, "Content Too Large",
                "request bodies are limited to " + BODY_LIMIT_BYTES + " bytes"));
        router.errorHandler(500, this::internalError);
        return router;
    }

    /** Answers requests the HTTP decoder rejected (bad request line, oversized headers) with JSON, then closes. */
    public static void invalidRequest(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        int status = 400;
        String reason = "Bad Request";
        if (cause instanceof io.netty.handler.codec.TooLongFrameException) {
            boolean line = cause.getClass().getSimpleName().contains("Line");
            status = line ? 414 : 431;
            reason = line ? "URI Too Long" : "Request Header Fields Too Large";
        }
        Buffer body = errorBody(status, reason, "malformed HTTP request");
        request.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body)
                .onComplete(done -> request.connection().close());
        LOG.log(Level.FINE, "rejected a malformed request: {0}", cause == null ? "unknown" : cause.getMessage());
    }

    private void observe(RoutingContext ctx) {
        long start = System.nanoTime();
        ctx.addEndHandler(done -> {
            long nanos = System.nanoTime() - start;
            HttpServerRequest request = ctx.request();
            int status = ctx.response().getStatusCode();
            String method = LOGGED_METHODS.contains(request.method().name()) ? request.method().name() : "OTHER";
            requestMetrics.record(request.path(), method, status, nanos);
            if (ACCESS_LOG.isLoggable(Level.INFO)) {
                accessLog(request, method, status, nanos, ctx.response().bytesWritten());
            }
        });
        ctx.next();
    }

    private static void accessLog(HttpServerRequest request, String method, int status, long nanos, long bytes) {
        String path = request.path() == null ? "" : request.path();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("method", method);
        fields.put("path", path.length() > MAX_LOGGED_PATH ? path.substring(0, MAX_LOGGED_PATH) : path);
        fields.put("status", status);
        fields.put("durationMs", Math.round(nanos / 1_000.0) / 1_000.0);
        fields.put("bytes", bytes);
        fields.put("remote", request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress());
        ACCESS_LOG.log(Level.INFO, "request", fields);
    }

    /** Buffers a body only when there is one, so the common bodiless GET pays nothing for the 413 check. */
    private static Handler<RoutingContext> bodyLimit() {
        BodyHandler bodies = BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES);
        return ctx -> {
            HttpServerRequest request = ctx.request();
            if (request.headers().contains(HttpHeaders.CONTENT_LENGTH) || request.headers().contains(
                    HttpHeaders.TRANSFER_ENCODING)) {
                bodies.handle(ctx);
            } else {
                ctx.next();
            }
        };
    }

    private void health(RoutingContext ctx) {
        json(ctx, 200, health);
    }

    private void ready(RoutingContext ctx) {
        byte[] body = new JsonObject().put("status", readiness.state().name()).toBuffer().getBytes();
        json(ctx, readiness.isServing() ? 200 : 503, body);
    }

    private void version(RoutingContext ctx) {
        json(ctx, 200, version);
    }

    private void greeting(RoutingContext ctx) {
        json(ctx, 200, greeting);
    }

    private void metrics(RoutingContext ctx) {
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, PROMETHEUS_TEXT)
                .end(registry.scrape());
    }

    private void methodNotAllowed(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.ALLOW, ALLOW);
        error(ctx, 405, "Method Not Allowed", "this path answers " + ALLOW);
    }

    private void internalError(RoutingContext ctx) {
        LOG.log(Level.SEVERE, "request failed: " + ctx.request().method() + " " + ctx.request().path(), ctx.failure());
        error(ctx, 500, "Internal Server Error", "the request failed; the service log has the details");
    }

    private static void json(RoutingContext ctx, int status, byte[] body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                .end(Buffer.buffer(body));
    }

    private static void error(RoutingContext ctx, int status, String reason, String message) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.headWritten()) {
            return;
        }
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                .end(errorBody(status, reason, message));
    }

    private static Buffer errorBody(int status, String reason, String message) {
        return new JsonObject().put("status", status).put("error", reason).put("message", message).toBuffer();
    }
}
