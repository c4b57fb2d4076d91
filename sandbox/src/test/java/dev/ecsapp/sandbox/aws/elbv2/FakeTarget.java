package dev.ecsapp.sandbox.aws.elbv2;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;

/**
 * A target for the data plane tests: a small Vert.x HTTP server on a loopback address of its own that answers its
 * name. Its health check answer can be changed ({@code /health}), and paths under {@code /slow} answer late.
 */
final class FakeTarget implements AutoCloseable {

    final String name;
    final String ip;
    final int port;
    /** The status /health answers; 0 leaves health checks unanswered. */
    final AtomicInteger healthStatus = new AtomicInteger(200);
    final AtomicLong slowMillis = new AtomicLong(2_000);
    /** Requests other than health checks. */
    final AtomicInteger requests = new AtomicInteger();
    final AtomicReference<MultiMap> lastHeaders = new AtomicReference<>();
    private final Vertx vertx;
    private final HttpServer server;

    private FakeTarget(Vertx vertx, String name, String ip, HttpServer server) {
        this.vertx = vertx;
        this.name = name;
        this.ip = ip;
        this.port = server.actualPort();
        this.server = server;
    }

    static FakeTarget start(Vertx vertx, String name, String ip) throws Exception {
        FakeTarget[] self = new FakeTarget[1];
        HttpServer server = vertx.createHttpServer().requestHandler(request -> self[0].serve(request));
        server.listen(0, ip).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        self[0] = new FakeTarget(vertx, name, ip, server);
        return self[0];
    }

    TargetDescription description() {
        // Loopback addresses are outside the VPC, so they name their zone: all of them.
        return TargetDescription.builder().id(ip).port(port).availabilityZone("all").build();
    }

    private void serve(HttpServerRequest request) {
        if (request.path().equals("/health")) {
            int status = healthStatus.get();
            if (status != 0) {
                request.response().setStatusCode(status).end("health");
            }
            return;
        }
        requests.incrementAndGet();
        lastHeaders.set(MultiMap.caseInsensitiveMultiMap().addAll(request.headers()));
        if (request.path().startsWith("/slow")) {
            vertx.setTimer(slowMillis.get(), id -> request.response().end(name));
            return;
        }
        request.response().putHeader("Content-Type", "text/plain").end(name);
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
}
