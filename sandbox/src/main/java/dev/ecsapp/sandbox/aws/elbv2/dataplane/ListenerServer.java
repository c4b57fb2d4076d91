package dev.ecsapp.sandbox.aws.elbv2.dataplane;

import dev.ecsapp.sandbox.aws.elbv2.DataPlaneView;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.httpproxy.HttpProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

/**
 * One listener served on a loopback port of its own. HTTPS listeners are served as plain HTTP: the sandbox holds no
 * certificate's private key, and clients on loopback need no TLS to test routing.
 */
final class ListenerServer {

    static final String HOST = "127.0.0.1";
    /** How long CreateListener waits for the port to be bound, so that the URL answers once the call returns. */
    private static final long BIND_WAIT_MILLIS = 2_000;

    private final DataPlaneView.ListenerPort listener;
    private final int localPort;
    private final HttpServer server;

    private ListenerServer(DataPlaneView.ListenerPort listener, int localPort, HttpServer server) {
        this.listener = listener;
        this.localPort = localPort;
        this.server = server;
    }

    static ListenerServer start(Vertx vertx, HttpClient client, DataPlaneView.ListenerPort listener,
            RequestRouter router, LockedCalls locked, TargetGroupMetrics metrics) {
        // The port is picked here, synchronously, so that the URL is known when CreateListener answers, without
        // waiting on an event loop that may itself be waiting for the sandbox's lock.
        int port = freePort();
        HttpProxy proxy = HttpProxy.reverseProxy(client).addInterceptor(new ListenerTraffic(listener.listenerArn(),
                listener.protocol(), listener.port(), router, locked, metrics));
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(HOST).setPort(port)
                .setTcpNoDelay(true)).requestHandler(proxy);
        try {
            // Bounded, in case an event loop is slow; event loops never wait for the lock this call holds.
            server.listen().toCompletionStage().toCompletableFuture().get(BIND_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        return new ListenerServer(listener, port, server);
    }

    DataPlaneView.ListenerPort listener() {
        return listener;
    }

    String url() {
        return "http://" + HOST + ":" + localPort;
    }

    void close() {
        server.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for a listener", e);
        }
    }
}
