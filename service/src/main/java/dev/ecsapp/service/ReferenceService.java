package dev.ecsapp.service;

import dev.ecsapp.service.config.ServiceConfig;
import dev.ecsapp.service.http.HttpVerticle;
import dev.ecsapp.service.http.ServiceRoutes;
import dev.ecsapp.service.logging.AccessLog;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The reference service as one object: start it on a Vert.x instance, shut it down gracefully.
 *
 * <p>Shutdown follows what ECS expects of a task on SIGTERM: readiness turns 503 at once, the service keeps serving
 * for the drain delay, then stops accepting connections, lets requests in flight finish and closes, all within the
 * shutdown timeout.
 */
public final class ReferenceService {

    private static final Logger LOG = Logger.getLogger(ReferenceService.class.getName());

    private final ServiceConfig config;
    private final Readiness readiness = new Readiness();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final ServiceRoutes routes;
    private String deployment;
    private Vertx vertx;

    public ReferenceService(ServiceConfig config, BuildInfo build, String host, AccessLog accessLog) {
        this.config = config;
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        this.routes = new ServiceRoutes(build.withVersionOverride(config.versionOverride()), config.serviceName(), host,
                config.basePath(), readiness, registry, accessLog);
    }

    public Readiness readiness() {
        return readiness;
    }

    /**
     * Deploys one HTTP verticle per event loop, then turns ready.
     *
     * @return the port actually bound (differs from the configured one when that is 0)
     */
    public Future<Integer> start(Vertx vertx, int instances) {
        this.vertx = vertx;
        Duration grace = config.shutdownTimeout().minus(config.drainDelay());
        List<HttpVerticle> verticles = new CopyOnWriteArrayList<>();
        // One deployment for all instances: Vert.x then shares one listening socket among them, port 0 included.
        return vertx.deployVerticle(() -> {
                    HttpVerticle verticle = new HttpVerticle(routes, config.host(), config.port(), grace);
                    verticles.add(verticle);
                    return verticle;
                }, new DeploymentOptions().setInstances(instances))
                .map(id -> {
                    deployment = id;
                    int port = verticles.get(0).actualPort();
                    readiness.serving();
                    LOG.log(Level.INFO, "serving", Map.of("port", port, "instances", instances));
                    return port;
                });
    }

    /** Drains and closes the HTTP servers; the returned future completes when the last connection has closed. */
    public Future<Void> shutdown() {
        readiness.draining();
        LOG.log(Level.INFO, "draining", Map.of("drainDelayMs", config.drainDelay().toMillis(),
                "shutdownTimeoutMs", config.shutdownTimeout().toMillis()));
        Future<?> drained = config.drainDelay().isZero()
                ? Future.succeededFuture()
                : vertx.timer(config.drainDelay().toMillis(), TimeUnit.MILLISECONDS);
        return drained
                .compose(ignored -> deployment == null ? Future.<Void>succeededFuture() : vertx.undeploy(deployment))
                .onComplete(done -> {
                    gcMetrics.close();
                    LOG.log(Level.INFO, "stopped");
                });
    }
}
