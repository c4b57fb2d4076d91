package dev.ecsapp.sandbox.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The AWS side's one HTTP port: every AWS API at {@code /}, the control API under {@value ControlApi#PREFIX}.
 *
 * <p>The JDK's HTTP server is enough here: every call takes the sandbox's one lock anyway, and it keeps the sandbox
 * free of a second web framework.
 */
public final class AwsEndpoint implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AwsEndpoint.class.getName());
    /** Requests larger than this are refused: no AWS call the sandbox serves comes near it. */
    private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService workers;

    public AwsEndpoint(String host, int port, AwsDispatcher dispatcher, ControlApi control) throws IOException {
        this(host, port, dispatcher, control, null);
    }

    /** With ECR's registry API under {@code /v2/}, whose uploads stream to disk rather than into memory. */
    public AwsEndpoint(String host, int port, AwsDispatcher dispatcher, ControlApi control,
            dev.ecsapp.sandbox.aws.ecr.RegistryApi registry) throws IOException {
        // The JDK server writes headers and body in separate packets; with Nagle's algorithm on, every keep-alive
        // call waits out the client's delayed ACK (40 ms), capping one client at about 20 calls a second.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // A registry client (Jib, with insecure registries allowed) first tries TLS: the server waits for a request
        // line that a TLS ClientHello never ends, and the client times out instead of falling back to HTTP. A
        // connection that has not sent its request line and headers within a second is closed (looked at every
        // 100 ms), which the client takes for a failed handshake; it then speaks HTTP to this port.
        System.setProperty("sun.net.httpserver.maxReqTime", "1");
        System.setProperty("sun.net.httpserver.timerMillis", "100");
        server = HttpServer.create(new InetSocketAddress(host, port), 256);
        workers = Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "aws-endpoint");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        server.createContext("/", exchange -> serve(exchange, dispatcher, control));
        if (registry != null) {
            server.createContext(dev.ecsapp.sandbox.aws.ecr.RegistryApi.PREFIX, registry::serve);
        }
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://" + server.getAddress().getHostString() + ":" + port();
    }

    private static void serve(HttpExchange exchange, AwsDispatcher dispatcher, ControlApi control) {
        try (exchange) {
            byte[] body = readBody(exchange);
            if (body == null) {
                send(exchange, new AwsDispatcher.Response(413, "text/plain", "request too large".getBytes(),
                        Map.of()));
                return;
            }
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), values.isEmpty() ? "" : values.get(0)));
            AwsDispatcher.Request request = new AwsDispatcher.Request(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawQuery(), headers, body);
            String path = exchange.getRequestURI().getPath();
            AwsDispatcher.Response response = path.startsWith(ControlApi.PREFIX)
                    ? control.handle(exchange.getRequestMethod(), path, body)
                    : dispatcher.dispatch(request);
            send(exchange, response);
        } catch (IOException e) {
            LOG.log(Level.FINE, "client went away", e);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "request failed", e);
        }
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            return body.length > MAX_BODY_BYTES ? null : body;
        }
    }

    private static void send(HttpExchange exchange, AwsDispatcher.Response response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
        exchange.getResponseBody().write(response.body());
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
