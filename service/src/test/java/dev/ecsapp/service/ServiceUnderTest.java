package dev.ecsapp.service;

import dev.ecsapp.service.config.ServiceConfig;
import dev.ecsapp.service.logging.AccessLog;
import dev.ecsapp.logging.JsonLineSink;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts the reference service in-process on a free loopback port, the way Main does, for one test. */
public final class ServiceUnderTest implements AutoCloseable {

    public static final String HOST = "127.0.0.1";
    public static final BuildInfo BUILD = new BuildInfo("1.2.3", "0123456789abcdef0123456789abcdef01234567",
            "2026-01-02T03:04:05Z");

    public final ReferenceService service;
    public final int port;
    private final Vertx vertx;
    private final ByteArrayOutputStream accessLogBytes;
    private final JsonLineSink accessLogSink;

    private ServiceUnderTest(Vertx vertx, ReferenceService service, int port, ByteArrayOutputStream accessLogBytes,
            JsonLineSink accessLogSink) {
        this.vertx = vertx;
        this.service = service;
        this.port = port;
        this.accessLogBytes = accessLogBytes;
        this.accessLogSink = accessLogSink;
    }

    public static ServiceUnderTest start(Vertx vertx, ServiceConfig config) throws Exception {
        ByteArrayOutputStream accessLogBytes = new ByteArrayOutputStream();
        JsonLineSink accessLogSink = new JsonLineSink(accessLogBytes, 60_000);
        ReferenceService service = new ReferenceService(config, BUILD, "test-host", new AccessLog(accessLogSink));
        int port = service.start(vertx, 2).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return new ServiceUnderTest(vertx, service, port, accessLogBytes, accessLogSink);
    }

    public static ServiceUnderTest start(Vertx vertx) throws Exception {
        return start(vertx, ServiceConfig.defaults(HOST, 0));
    }

    public WebClient client() {
        return WebClient.create(vertx, new WebClientOptions().setDefaultHost(HOST).setDefaultPort(port));
    }

    public HttpClientOptions httpClientOptions() {
        return new HttpClientOptions().setDefaultHost(HOST).setDefaultPort(port);
    }

    /** The access log lines written so far, parsed. */
    public List<JsonObject> accessLog() {
        accessLogSink.flush();
        synchronized (accessLogSink) {
            return accessLogBytes.toString(StandardCharsets.UTF_8).lines().map(JsonObject::new).toList();
        }
    }

    @Override
    public void close() throws Exception {
        service.shutdown().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        accessLogSink.close();
    }
}
