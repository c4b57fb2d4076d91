package dev.ecsapp.operator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The operator's HTTP port for Kubernetes and Prometheus: {@code /healthz} (the process answers), {@code /readyz}
 * (the controllers have started and their caches synced), {@code /metrics} (Prometheus text).
 */
public final class HealthEndpoints implements AutoCloseable {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;

    public HealthEndpoints(String host, int port, BooleanSupplier ready, Supplier<String> metrics) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.createContext("/healthz", exchange -> answer(exchange, 200, "text/plain", "ok"));
        server.createContext("/readyz", exchange -> {
            boolean isReady = ready.getAsBoolean();
            answer(exchange, isReady ? 200 : 503, "text/plain", isReady ? "ready" : "starting");
        });
        server.createContext("/metrics", exchange -> answer(exchange, 200, PROMETHEUS_TEXT, metrics.get()));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            // createContext matches prefixes: /healthzzz must not be a health check.
            boolean exact = path.equals(exchange.getHttpContext().getPath());
            boolean get = exchange.getRequestMethod().equals("GET") || exchange.getRequestMethod().equals("HEAD");
            int code = !exact ? 404 : !get ? 405 : status;
            String text = !exact ? "not found" : !get ? "method not allowed" : body;
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", exact && get ? contentType : "text/plain");
            if (!get && exact) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            }
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(code, head ? -1 : bytes.length);
            if (!head) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
