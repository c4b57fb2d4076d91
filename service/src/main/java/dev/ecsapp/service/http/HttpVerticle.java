package dev.ecsapp.service.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** One event loop's HTTP server; the service deploys one instance per core, all on the same port. */
public final class HttpVerticle extends VerticleBase {

    private final ServiceRoutes routes;
    private final String host;
    private final int port;
    private final Duration shutdownGrace;
    private HttpServer server;

    public HttpVerticle(ServiceRoutes routes, String host, int port, Duration shutdownGrace) {
        this.routes = routes;
        this.host = host;
        this.port = port;
        this.shutdownGrace = shutdownGrace;
    }

    @Override
    public Future<?> start() {
        server = vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(false))
                .invalidRequestHandler(ServiceRoutes::invalidRequest)
                .requestHandler(routes);
        // Returning the listen future fails the deployment when the port is taken.
        return server.listen(port, host);
    }

    /** Stops accepting, lets requests in flight finish, closes their connections; forced after the grace period. */
    @Override
    public Future<?> stop() {
        return server.shutdown(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS);
    }

    public int actualPort() {
        return server.actualPort();
    }
}
