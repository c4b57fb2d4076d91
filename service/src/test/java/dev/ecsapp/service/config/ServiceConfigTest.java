package dev.ecsapp.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceConfigTest {

    @Test
    void anEmptyEnvironmentGivesTheDefaults() {
        ServiceConfig config = ServiceConfig.fromEnvironment(Map.of());

        assertThat(config).isEqualTo(new ServiceConfig("0.0.0.0", 5000, Duration.ofSeconds(25), Duration.ZERO,
                Level.INFO, "reference-service", Optional.empty(), ""));
    }

    @Test
    void everyVariableIsRead() {
        ServiceConfig config = ServiceConfig.fromEnvironment(Map.of(
                "BIND_ADDRESS", "127.0.0.1",
                "PORT", "8080",
                "SHUTDOWN_TIMEOUT", "500ms",
                "SHUTDOWN_DRAIN_DELAY", "100ms",
                "LOG_LEVEL", "WARN",
                "SERVICE_NAME", "orders-api",
                "APP_VERSION", "v1.4.2",
                "BASE_PATH", "/orders/"));

        assertThat(config).isEqualTo(new ServiceConfig("127.0.0.1", 8080, Duration.ofMillis(500),
                Duration.ofMillis(100), Level.WARNING, "orders-api", Optional.of("v1.4.2"), "/orders"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "25, 25000",
        "25s, 25000",
        "1500ms, 1500",
        "3600s, 3600000",
    })
    void durationsAcceptSecondsAndMilliseconds(String value, long millis) {
        ServiceConfig config = ServiceConfig.fromEnvironment(Map.of("SHUTDOWN_TIMEOUT", value));

        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "PORT|0|PORT=\"0\" is not a port number: use an integer from 1 to 65535",
        "PORT|65536|PORT=\"65536\" is not a port number",
        "PORT|-1|PORT=\"-1\" is not a port number",
        "PORT|''|PORT=\"\" is not a port number",
        "BIND_ADDRESS|example.com|BIND_ADDRESS=\"example.com\" is not an IP address",
        "SHUTDOWN_TIMEOUT|0s|SHUTDOWN_TIMEOUT=\"0s\" is not a valid duration",
        "SHUTDOWN_TIMEOUT|-5|SHUTDOWN_TIMEOUT=\"-5\" is not a valid duration",
        "SHUTDOWN_TIMEOUT|3601s|SHUTDOWN_TIMEOUT=\"3601s\" is not a valid duration",
        "SHUTDOWN_TIMEOUT|1.5s|SHUTDOWN_TIMEOUT=\"1.5s\" is not a valid duration",
        "SHUTDOWN_DRAIN_DELAY|soon|SHUTDOWN_DRAIN_DELAY=\"soon\" is not a valid duration",
        "SHUTDOWN_DRAIN_DELAY|30s|SHUTDOWN_DRAIN_DELAY (30000ms) must be shorter than SHUTDOWN_TIMEOUT (25000ms)",
        "LOG_LEVEL|verbose|LOG_LEVEL=\"verbose\" is not a log level: use trace, debug, info, warn or error",
        "SERVICE_NAME|-leading-dash|SERVICE_NAME=\"-leading-dash\" is not a valid name",
        "APP_VERSION|has space|APP_VERSION=\"has space\" is not a valid version",
        "BASE_PATH|orders|BASE_PATH=\"orders\" is not a path prefix",
        "BASE_PATH|/orders/*|BASE_PATH=\"/orders/*\" is not a path prefix",
    })
    void anInvalidValueIsRefusedWithAMessageNamingTheVariable(String name, String value, String message) {
        assertThatThrownBy(() -> ServiceConfig.fromEnvironment(Map.of(name, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void aLongBadValueIsCutShortInTheMessage() {
        String pasted = "x".repeat(10_000);

        assertThatThrownBy(() -> ServiceConfig.fromEnvironment(Map.of("PORT", pasted)))
                .hasMessageContaining("x".repeat(40) + "...")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
    }
}
