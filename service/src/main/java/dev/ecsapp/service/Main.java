package dev.ecsapp.service;

import dev.ecsapp.service.config.ConfigException;
import dev.ecsapp.service.config.ServiceConfig;
import dev.ecsapp.service.logging.AccessLog;
import dev.ecsapp.logging.JsonLineSink;
import dev.ecsapp.logging.Logging;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import sun.misc.Signal;

/** Entry point: configuration from the environment, JSON logs on stdout, graceful exit 0 on SIGTERM or SIGINT. */
public final class Main {

    /** Exit code for a configuration the service refuses, as for any bad usage. */
    static final int EXIT_BAD_CONFIG = 2;
    static final int EXIT_START_FAILED = 1;

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            System.err.println("service: takes no arguments; configure it with environment variables "
                    + "(PORT, BIND_ADDRESS, SHUTDOWN_TIMEOUT, SHUTDOWN_DRAIN_DELAY, LOG_LEVEL, SERVICE_NAME, APP_VERSION)");
            System.exit(EXIT_BAD_CONFIG);
        }
        ServiceConfig config;
        try {
            config = ServiceConfig.fromEnvironment(System.getenv());
        } catch (ConfigException e) {
            System.err.println("service: " + e.getMessage());
            System.exit(EXIT_BAD_CONFIG);
            return;
        }
        JsonLineSink logSink = Logging.installJsonLogging(config.logLevel());
        Logger log = Logger.getLogger(Main.class.getName());
        Thread.setDefaultUncaughtExceptionHandler((thread, e) ->
                log.log(Level.SEVERE, "uncaught exception in thread " + thread.getName(), e));

        BuildInfo build = BuildInfo.fromClasspath();
        ReferenceService service = new ReferenceService(config, build, hostName(), new AccessLog(logSink));
        Vertx vertx = Vertx.vertx();
        int instances = Runtime.getRuntime().availableProcessors();
        service.start(vertx, instances).onFailure(e -> {
            log.log(Level.SEVERE, "could not start: " + e.getMessage(), Map.of("port", config.port()));
            logSink.close();
            System.exit(EXIT_START_FAILED);
        });
        log.log(Level.INFO, "starting", Map.of("version", build.withVersionOverride(config.versionOverride()).version(),
                "commit", build.commit(), "port", config.port()));

        AtomicBoolean stopping = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopping.compareAndSet(false, true)) {
                stopGracefully(service, vertx, config, log, logSink);
            }
        };
        // Handling the signals ourselves (instead of a shutdown hook) lets the process exit 0 after a clean drain:
        // with only a hook the JVM exits 143 on SIGTERM, which ECS and Kubernetes report as a failed task.
        Signal.handle(new Signal("TERM"), signal -> stop.run());
        Signal.handle(new Signal("INT"), signal -> stop.run());
    }

    private static void stopGracefully(ReferenceService service, Vertx vertx, ServiceConfig config, Logger log,
            JsonLineSink logSink) {
        int exitCode = 0;
        try {
            service.shutdown()
                    .eventually(() -> vertx.close())
                    .toCompletionStage().toCompletableFuture()
                    // The servers force-close at the timeout; the extra second covers closing Vert.x itself.
                    .get(config.shutdownTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.log(Level.WARNING, "shutdown did not finish within the timeout; exiting anyway");
        } catch (Exception e) {
            log.log(Level.SEVERE, "shutdown failed", e);
            exitCode = 1;
        }
        logSink.close();
        System.exit(exitCode);
    }

    /** The task's host name for {@code GET /}; ECS and Docker set HOSTNAME, elsewhere the OS is asked once. */
    static String hostName() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
