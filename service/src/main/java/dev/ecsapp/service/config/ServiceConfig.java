package dev.ecsapp.service.config;

import dev.ecsapp.logging.Logging;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service's whole configuration, read from the environment only (twelve-factor; ECS task definitions set it).
 *
 * @param host            address to listen on ({@code BIND_ADDRESS}, default 0.0.0.0: every interface of the task)
 * @param port            TCP port to listen on ({@code PORT}, default 5000, the reference architecture's port)
 * @param shutdownTimeout upper bound from SIGTERM to exit ({@code SHUTDOWN_TIMEOUT}, default 25s: below the 30s
 *                        ECS waits before it sends SIGKILL)
 * @param drainDelay      time to keep serving with readiness at 503 before the listener closes
 *                        ({@code SHUTDOWN_DRAIN_DELAY}, default 0s: behind an ALB, ECS deregisters the target before
 *                        it sends SIGTERM; set a few seconds where a readiness probe must notice first)
 * @param logLevel        {@code LOG_LEVEL}: trace, debug, info (default), warn, error
 * @param serviceName     {@code SERVICE_NAME}, shown by {@code GET /} (default {@value #DEFAULT_SERVICE_NAME})
 * @param versionOverride {@code APP_VERSION}: replaces the version baked in at build time when set
 * @param basePath        {@code BASE_PATH}, such as {@code /orders}: every path is served under it too. An ALB rule
 *                        forwards the path as the client sent it, so an app routed by {@code /orders/*} on a shared
 *                        listener sees {@code /orders/version}; the unprefixed paths stay for the target group's
 *                        health check. Empty (the default) serves them at the root only.
 */
public record ServiceConfig(
        String host,
        int port,
        Duration shutdownTimeout,
        Duration drainDelay,
        Level logLevel,
        String serviceName,
        Optional<String> versionOverride,
        String basePath) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 5000;
    public static final String DEFAULT_SERVICE_NAME = "reference-service";
    static final Duration MAX_SHUTDOWN_TIMEOUT = Duration.ofHours(1);
    private static final Pattern DURATION = Pattern.compile("(\\d{1,7})(ms|s)?");
    private static final Pattern HOST = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*|localhost");
    private static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern VERSION = Pattern.compile("[\\x21-\\x7e]{1,128}");
    private static final Pattern BASE_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    public ServiceConfig {
        if (drainDelay.compareTo(shutdownTimeout) >= 0) {
            throw new ConfigException("SHUTDOWN_DRAIN_DELAY (" + drainDelay.toMillis() + "ms) must be shorter than "
                    + "SHUTDOWN_TIMEOUT (" + shutdownTimeout.toMillis() + "ms)");
        }
    }

    /** The defaults, with the given address and port (0 picks a free one: tests use it). */
    public static ServiceConfig defaults(String host, int port) {
        return new ServiceConfig(host, port, Duration.ofSeconds(25), Duration.ZERO, Level.INFO, DEFAULT_SERVICE_NAME,
                Optional.empty(), "");
    }

    /**
     * Reads the configuration from environment variables.
     *
     * @throws ConfigException naming the variable, the value and what is accepted
     */
    public static ServiceConfig fromEnvironment(Map<String, String> env) {
        ServiceConfig defaults = defaults(DEFAULT_HOST, DEFAULT_PORT);
        return new ServiceConfig(
                parseHost(env.get("BIND_ADDRESS"), defaults.host()),
                parsePort(env.get("PORT"), defaults.port()),
                parseDuration("SHUTDOWN_TIMEOUT", env.get("SHUTDOWN_TIMEOUT"), defaults.shutdownTimeout(), false),
                parseDuration("SHUTDOWN_DRAIN_DELAY", env.get("SHUTDOWN_DRAIN_DELAY"), defaults.drainDelay(), true),
                parseLogLevel(env.get("LOG_LEVEL"), defaults.logLevel()),
                parseServiceName(env.get("SERVICE_NAME"), defaults.serviceName()),
                parseVersion(env.get("APP_VERSION")),
                parseBasePath(env.get("BASE_PATH")));
    }

    private static String parseHost(String value, String fallback) {
        if (value == null) {
            return fallback;
        }
        if (!HOST.matcher(value.trim()).matches()) {
            throw new ConfigException("BIND_ADDRESS=" + quote(value) + " is not an IP address: use 0.0.0.0 (every interface), "
                    + "127.0.0.1 or another IPv4 or IPv6 address of this machine");
        }
        return value.trim();
    }

    private static int parsePort(String value, int fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below, with the accepted range
        }
        throw new ConfigException("PORT=" + quote(value) + " is not a port number: use an integer from 1 to 65535");
    }

    private static Duration parseDuration(String name, String value, Duration fallback, boolean zeroAllowed) {
        if (value == null) {
            return fallback;
        }
        Matcher matcher = DURATION.matcher(value.trim());
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            Duration duration = "ms".equals(matcher.group(2)) ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
            boolean positiveEnough = zeroAllowed ? !duration.isNegative() : !duration.isZero();
            if (positiveEnough && duration.compareTo(MAX_SHUTDOWN_TIMEOUT) <= 0) {
                return duration;
            }
        }
        throw new ConfigException(name + "=" + quote(value) + " is not a valid duration: use seconds (\"25\" or \"25s\") "
                + "or milliseconds (\"500ms\"), " + (zeroAllowed ? "from 0" : "above 0") + " up to 1 hour");
    }

    private static Level parseLogLevel(String value, Level fallback) {
        if (value == null) {
            return fallback;
        }
        Level level = Logging.parseLevel(value);
        if (level == null) {
            throw new ConfigException("LOG_LEVEL=" + quote(value) + " is not a log level: use trace, debug, info, warn "
                    + "or error");
        }
        return level;
    }

    private static String parseServiceName(String value, String fallback) {
        if (value == null) {
            return fallback;
        }
        if (!SERVICE_NAME.matcher(value).matches()) {
            throw new ConfigException("SERVICE_NAME=" + quote(value) + " is not a valid name: use 1 to 63 letters, "
                    + "digits, '.', '_' or '-', starting with a letter or digit");
        }
        return value;
    }

    private static Optional<String> parseVersion(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        if (!VERSION.matcher(value).matches()) {
            throw new ConfigException("APP_VERSION=" + quote(value) + " is not a valid version: use 1 to 128 printable "
                    + "characters without spaces");
        }
        return Optional.of(value);
    }

    private static String parseBasePath(String value) {
        if (value == null || value.isEmpty() || value.equals("/")) {
            return "";
        }
        String trimmed = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        if (!BASE_PATH.matcher(trimmed).matches()) {
            throw new ConfigException("BASE_PATH=" + quote(value) + " is not a path prefix: use segments of letters, "
                    + "digits, '.', '_', '~' or '-', each after a '/', such as /orders");
        }
        return trimmed;
    }

    /** Quotes a user's value for an error line, cut short so a pasted blob cannot flood the log. */
    private static String quote(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return "\"" + shown.replace("\n", "\\n") + "\"";
    }
}
