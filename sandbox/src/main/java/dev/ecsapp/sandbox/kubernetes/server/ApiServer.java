package dev.ecsapp.sandbox.kubernetes.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sandbox's own Kubernetes API server, on Vert.x's HTTP server.
 *
 * <p>Requests are answered on the event loops: the store's work for one is a few tens of microseconds and never
 * waits on anything but the store's own short locks, so handing it to another thread would only add a switch. A watch
 * is the exception: it lives for minutes, so it gets a thread of its own that moves events from its subscription to
 * the connection, over a chunked HTTP response (kubectl, client-go) or a WebSocket (fabric8's default).
 *
 * <p>Vert.x 4, not 5: the sandbox module also holds fabric8's mock (kept for comparison), which runs on Vert.x 4,
 * and both are the same artifact.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ApiServer.class.getName());
    /** kube-apiserver's limit on a request body (3 MiB). */
    private static final int MAX_BODY_BYTES = 3 * 1024 * 1024;
    private static final long POLL_MILLIS = 250;
    /** How long a watch waits for a slow reader to take what is already written before it gives up on it. */
    private static final long DRAIN_MILLIS = 30_000;

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

    private final String host;
    private final Vertx vertx;
    private final HttpServer server;
    private final ExecutorService watchThreads;
    private final Store store;
    private final RestHandler handler;
    private final Options options;

    private ApiServer(String host, Vertx vertx, HttpServer server, ExecutorService watchThreads, Store store,
            RestHandler handler, Options options) {
        this.host = host;
        this.vertx = vertx;
        this.server = server;
        this.watchThreads = watchThreads;
        this.store = store;
        this.handler = handler;
        this.options = options;
    }

    /** Starts on {@code host}; port 0 picks a free one. The {@code default} namespace exists, as in a cluster. */
    public static ApiServer start(String host, int port, Options options) {
        Clock clock = Clock.systemUTC();
        Store store = new Store(clock, options.historySize());
        RestHandler handler = new RestHandler(store, new Tables(clock), options.watchQueueLimit());
        ExecutorService watchThreads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "kubernetes-watch");
            thread.setDaemon(true);
            return thread;
        });
        // One event loop a core: more would only take turns on the same cores.
        Vertx vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(Math.max(1, Runtime.getRuntime().availableProcessors()))
                .setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        HttpServerOptions serverOptions = new HttpServerOptions().setHost(host).setPort(port).setTcpNoDelay(true)
                .setAcceptBacklog(256)
                // Label and field selectors ride in the query: kube-apiserver takes long request lines.
                .setMaxInitialLineLength(64 * 1024).setMaxHeaderSize(64 * 1024)
                .setMaxWebSocketMessageSize(MAX_BODY_BYTES).setMaxWebSocketFrameSize(MAX_BODY_BYTES);
        HttpServer server = vertx.createHttpServer(serverOptions);
        ApiServer api = new ApiServer(host, vertx, server, watchThreads, store, handler, options);
        server.requestHandler(api::serve).webSocketHandler(api::serveWebSocket);
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            watchThreads.shutdownNow();
            throw new IllegalStateException("the Kubernetes API cannot listen on " + host + ":" + port,
                    e.getCause() == null ? e : e.getCause());
        }
        ObjectNode namespace = JsonNodeFactory.instance.objectNode();
        namespace.put("apiVersion", "v1").put("kind", "Namespace").putObject("metadata").put("name", "default");
        store.create(BuiltInKinds.NAMESPACE, null, namespace);
        return api;
    }

    public static ApiServer start(String host, int port) {
        return start(host, port, Options.defaults());
    }

    public URI url() {
        try {
            return new URI("http", null, host, server.actualPort(), null, null, null);
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
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.FINE, "closing the Kubernetes API", e);
        }
        watchThreads.shutdownNow();
        try {
            watchThreads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        if (length != null && parseLength(length) > MAX_BODY_BYTES) {
            send(request, tooLarge());
            request.connection().close();
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] overflow = {false};
        request.handler(chunk -> {
            if (!overflow[0] && body.length() + chunk.length() > MAX_BODY_BYTES) {
                overflow[0] = true;
            } else if (!overflow[0]) {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(ended -> {
            if (overflow[0]) {
                send(request, tooLarge());
                return;
            }
            answer(request, requestOf(request.method().name(), request.path(), request.query(), request.headers(),
                    false, body.getBytes()));
        });
    }

    private void answer(HttpServerRequest request, HttpRequest parsed) {
        RestHandler.Answer answer;
        try {
            answer = handler.handle(parsed);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "request failed", e);
            send(request, RestHandler.whole(500, Statuses.internalError(String.valueOf(e.getMessage())).status())
                    .response());
            return;
        }
        LOG.fine(() -> parsed.method() + " " + request.uri() + " Accept: " + parsed.accept() + " -> "
                + (answer instanceof RestHandler.Whole whole ? whole.response().code() : "watch"));
        if (answer instanceof RestHandler.Whole whole) {
            send(request, whole.response());
        } else if (answer instanceof RestHandler.Watching watching) {
            HttpServerResponse response = request.response().setChunked(true).putHeader("Content-Type",
                    "application/json");
            // The head goes out now, not with the first event: a client waits for it before it does anything else
            // (kubectl wait opens its watch, then reads the condition).
            response.setStatusCode(200).writeHead();
            stream(watching, new ChunkedSink(response));
        } else if (answer instanceof RestHandler.WatchError error) {
            send(request, new HttpResponse(200, "application/json", errorEvent(error), Map.of()));
        }
    }

    /**
     * A watch over WebSocket, as fabric8 asks for it: the same events, one JSON document a text message. A request
     * the server refuses (an unknown resource, a bad selector) fails the handshake with its status code.
     */
    private void serveWebSocket(ServerWebSocket socket) {
        HttpRequest parsed = requestOf("GET", socket.path(), socket.query(), socket.headers(), true, new byte[0]);
        RestHandler.Answer answer;
        try {
            answer = handler.handle(parsed);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "request failed", e);
            socket.reject(500);
            return;
        }
        if (answer instanceof RestHandler.Watching watching) {
            stream(watching, new WebSocketSink(socket));
        } else if (answer instanceof RestHandler.WatchError error) {
            socket.writeTextMessage(new String(errorEvent(error), StandardCharsets.UTF_8).trim());
            socket.close();
        } else if (answer instanceof RestHandler.Whole whole) {
            int code = whole.response().code();
            socket.reject(code < 400 ? 400 : code);
        }
    }

    private static HttpRequest requestOf(String method, String path, String rawQuery, MultiMap headers,
            boolean webSocket, byte[] body) {
        return new HttpRequest(method, path, HttpRequest.parseQuery(rawQuery), headers.get("Content-Type"),
                String.join(",", headers.getAll("Accept")), webSocket, body, headers.get("User-Agent"));
    }

    private static byte[] errorEvent(RestHandler.WatchError error) {
        ObjectNode event = JsonNodeFactory.instance.objectNode().put("type", "ERROR");
        event.set("object", error.status());
        return (new String(RestHandler.bytes(event), StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static HttpResponse tooLarge() {
        return RestHandler.whole(413, Statuses.badRequest("Request entity too large: limit is " + MAX_BODY_BYTES)
                .status()).response();
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void send(HttpServerRequest request, HttpResponse answer) {
        HttpServerResponse response = request.response().setStatusCode(answer.code());
        response.putHeader("Content-Type", answer.contentType());
        answer.headers().forEach(response::putHeader);
        if (request.method() == HttpMethod.HEAD) {
            response.putHeader("Content-Length", Integer.toString(answer.body().length)).end();
        } else {
            response.end(Buffer.buffer(answer.body()));
        }
    }

    /** Where a watch's events go: a chunked HTTP response or a WebSocket. Called from the watch's own thread. */
    private interface EventSink {
        OutputStream events();

        /** Sends what {@link #events()} holds as one piece (one chunk, or one WebSocket message). */
        void flush();

        boolean closed();

        /** Whether the connection still holds more than it should of what was written before. */
        boolean backedUp();

        void onClose(Runnable action);

        void end();
    }

    /** Moves events to the sink on a thread of its own until the watch's timeout, the client leaves, or close. */
    private void stream(RestHandler.Watching watching, EventSink sink) {
        Store.Subscription subscription = watching.subscription();
        sink.onClose(subscription::close);
        watchThreads.execute(() -> {
            try {
                WatchEncoder encoder = new WatchEncoder(watching, sink.events());
                for (Watches.Event event : subscription.initial) {
                    encoder.write(event);
                    if (sink instanceof WebSocketSink) {
                        sink.flush();
                    }
                }
                if (watching.initialEventsEnd() != null) {
                    encoder.bookmark(watching.initialEventsEnd(), true);
                }
                sink.flush();
                long deadline = System.nanoTime() + watching.timeout().toNanos();
                long nextBookmark = System.nanoTime() + options.bookmarkInterval().toNanos();
                while (System.nanoTime() < deadline && !sink.closed()) {
                    Watches.Event event = subscription.queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    if (event == Watches.Event.END) {
                        break;
                    }
                    if (event != null) {
                        encoder.write(event);
                        sink.flush();
                        if (!awaitDrained(sink)) {
                            break;
                        }
                    } else if (watching.bookmarks() && System.nanoTime() >= nextBookmark) {
                        Long version = subscription.bookmarkVersion();
                        if (version != null) {
                            encoder.bookmark(version, false);
                            sink.flush();
                            nextBookmark = System.nanoTime() + options.bookmarkInterval().toNanos();
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "watch ended", e);
            } finally {
                subscription.close();
                sink.end();
            }
        });
    }

    /**
     * Waits while the connection holds too much already written: a reader that takes nothing for this long is gone
     * or stuck, and its watch ends (kube-apiserver closes such a watch too). Meanwhile new events wait in the
     * subscription's bounded queue.
     */
    private static boolean awaitDrained(EventSink sink) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
        while (sink.backedUp() && !sink.closed()) {
            if (System.nanoTime() > until) {
                return false;
            }
            Thread.sleep(10);
        }
        return !sink.closed();
    }

    private static final class ChunkedSink implements EventSink {
        private final HttpServerResponse response;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private volatile boolean closed;

        ChunkedSink(HttpServerResponse response) {
            this.response = response;
        }

        @Override
        public OutputStream events() {
            return pending;
        }

        @Override
        public void flush() {
            if (pending.size() > 0 && !closed) {
                response.write(Buffer.buffer(pending.toByteArray()));
            }
            pending.reset();
        }

        @Override
        public boolean closed() {
            return closed;
        }

        @Override
        public boolean backedUp() {
            return response.writeQueueFull();
        }

        @Override
        public void onClose(Runnable action) {
            response.closeHandler(v -> {
                closed = true;
                action.run();
            });
        }

        @Override
        public void end() {
            if (!closed) {
                response.end();
            }
        }
    }

    private static final class WebSocketSink implements EventSink {
        private final ServerWebSocket socket;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private volatile boolean closed;

        WebSocketSink(ServerWebSocket socket) {
            this.socket = socket;
        }

        @Override
        public OutputStream events() {
            return pending;
        }

        /** One event a message: kube-apiserver frames each watch event on its own. */
        @Override
        public void flush() {
            if (pending.size() > 0 && !closed) {
                socket.writeTextMessage(pending.toString(StandardCharsets.UTF_8).stripTrailing());
            }
            pending.reset();
        }

        @Override
        public boolean closed() {
            return closed;
        }

        @Override
        public boolean backedUp() {
            return socket.writeQueueFull();
        }

        @Override
        public void onClose(Runnable action) {
            socket.closeHandler(v -> {
                closed = true;
                action.run();
            });
        }

        @Override
        public void end() {
            if (!closed) {
                socket.close();
            }
        }
    }
}
