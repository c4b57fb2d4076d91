package dev.ecsapp.sandbox.kubernetes.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sandbox's own Kubernetes API server on the JDK's HTTP server.
 *
 * <p>Why not Vert.x 5: the sandbox module also holds fabric8's mock, which runs on Vert.x 4 (io.vertx:vertx-core
 * 4.5.24 in {@code mvn dependency:tree -pl sandbox}); both are the same artifact, so Maven keeps one version and the
 * other side breaks. The JDK server is what the sandbox's AWS endpoint already uses. Its one limit here: it cannot
 * switch protocols, so watches are HTTP streams only (kubectl's way; fabric8 falls back to it).
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ApiServer.class.getName());
    /** kube-apiserver's limit on a request body (3 MiB). */
    private static final int MAX_BODY_BYTES = 3 * 1024 * 1024;
    private static final long POLL_MILLIS = 250;

    /**
     * @param historySize      how many changes the watch window keeps; a watch from older ones gets 410 Gone
     * @param bookmarkInterval how often a watch that allows bookmarks gets one
     * @param watchQueueLimit  how many events a slow watch may have pending before it is closed
     */
    public record Options(int historySize, Duration bookmarkInterval, int watchQueueLimit) {
        public static Options defaults() {
            return new Options(10_000, Duration.ofMinutes(1), 10_000);
        }
    }

    private final HttpServer server;
    private final ExecutorService workers;
    private final Store store;
    private final RestHandler handler;
    private final Options options;

    private ApiServer(HttpServer server, ExecutorService workers, Store store, RestHandler handler,
            Options options) {
        this.server = server;
        this.workers = workers;
        this.store = store;
        this.handler = handler;
        this.options = options;
    }

    /** Starts on {@code host}; port 0 picks a free one. The {@code default} namespace exists, as in a cluster. */
    public static ApiServer start(String host, int port, Options options) {
        // The JDK server writes headers and body in separate packets; with Nagle's algorithm on, every keep-alive
        // call waits out the client's delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Clock clock = Clock.systemUTC();
        Store store = new Store(clock, options.historySize());
        RestHandler handler = new RestHandler(store, new Tables(clock), options.watchQueueLimit());
        // Every watch holds a thread for its whole life: a fixed pool would run out under a few informers.
        ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "kubernetes-api");
            thread.setDaemon(true);
            return thread;
        });
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 256);
        } catch (IOException e) {
            workers.shutdownNow();
            throw new IllegalStateException("the Kubernetes API cannot listen on " + host + ":" + port, e);
        }
        ApiServer api = new ApiServer(server, workers, store, handler, options);
        server.setExecutor(workers);
        server.createContext("/", api::serve);
        server.start();
        ObjectNode namespace = JsonNodeFactory.instance.objectNode();
        namespace.put("apiVersion", "v1").put("kind", "Namespace").putObject("metadata").put("name", "default");
        store.create(BuiltInKinds.NAMESPACE, null, namespace);
        return api;
    }

    public static ApiServer start(String host, int port) {
        return start(host, port, Options.defaults());
    }

    public URI url() {
        InetSocketAddress address = server.getAddress();
        try {
            return new URI("http", null, address.getHostString(), address.getPort(), null, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the store keeps besides its objects (open watches, the watch window, the collector's index). */
    Store.Retained retained() {
        return store.retained();
    }

    @Override
    public void close() {
        store.closeAllWatches();
        server.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = readBody(exchange);
            if (body == null) {
                send(exchange, RestHandler.whole(413, Statuses.badRequest("Request entity too large: limit is "
                        + MAX_BODY_BYTES).status()).response());
                return;
            }
            String upgrade = exchange.getRequestHeaders().getFirst("Upgrade");
            HttpRequest request = new HttpRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    HttpRequest.parseQuery(exchange.getRequestURI().getRawQuery()),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    String.join(",", exchange.getRequestHeaders().getOrDefault("Accept", List.of())),
                    upgrade != null && upgrade.equalsIgnoreCase("websocket"), body,
                    exchange.getRequestHeaders().getFirst("User-Agent"));
            RestHandler.Answer answer = handler.handle(request);
            LOG.fine(() -> request.method() + " " + exchange.getRequestURI() + " Accept: " + request.accept() + " -> "
                    + (answer instanceof RestHandler.Whole whole ? whole.response().code() : "watch"));
            if (answer instanceof RestHandler.Whole whole) {
                send(exchange, whole.response());
            } else if (answer instanceof RestHandler.Watching watching) {
                stream(exchange, watching);
            } else if (answer instanceof RestHandler.WatchError error) {
                ObjectNode event = JsonNodeFactory.instance.objectNode().put("type", "ERROR");
                event.set("object", error.status());
                byte[] line = (new String(RestHandler.bytes(event), java.nio.charset.StandardCharsets.UTF_8) + "\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                send(exchange, new HttpResponse(200, "application/json", line, java.util.Map.of()));
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "client went away", e);
            // Thrown on, the JDK server forgets the connection (ServerImpl.closeConnection); swallowed, it only
            // closes the socket and keeps the connection object in its sets: one leaked per watch a client left.
            throw e;
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "request failed", e);
        }
    }

    /** Writes one JSON event per line on a chunked response until the timeout, the client leaves, or close. */
    private void stream(HttpExchange exchange, RestHandler.Watching watching) throws IOException {
        Store.Subscription subscription = watching.subscription();
        try {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            WatchEncoder encoder = new WatchEncoder(watching, out);
            for (Watches.Event event : subscription.initial) {
                encoder.write(event);
            }
            if (watching.initialEventsEnd() != null) {
                encoder.bookmark(watching.initialEventsEnd(), true);
            }
            out.flush();
            long deadline = System.nanoTime() + watching.timeout().toNanos();
            long nextBookmark = System.nanoTime() + options.bookmarkInterval().toNanos();
            while (System.nanoTime() < deadline) {
                Watches.Event event = subscription.queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (event == Watches.Event.END) {
                    break;
                }
                if (event != null) {
                    encoder.write(event);
                    out.flush();
                } else if (watching.bookmarks() && System.nanoTime() >= nextBookmark) {
                    Long version = subscription.bookmarkVersion();
                    if (version != null) {
                        encoder.bookmark(version, false);
                        out.flush();
                        nextBookmark = System.nanoTime() + options.bookmarkInterval().toNanos();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            subscription.close();
        }
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            return body.length > MAX_BODY_BYTES ? null : body;
        }
    }

    private static void send(HttpExchange exchange, HttpResponse response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(response.code(), head ? -1 : response.body().length);
        if (!head) {
            exchange.getResponseBody().write(response.body());
        }
    }
}
