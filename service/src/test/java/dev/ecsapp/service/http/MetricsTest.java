package dev.ecsapp.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.service.ServiceUnderTest;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class MetricsTest {

    private ServiceUnderTest running;
    private WebClient client;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        running = ServiceUnderTest.start(vertx);
        client = running.client();
    }

    @AfterEach
    void stop() throws Exception {
        running.close();
    }

    private int status(String path) throws Exception {
        return client.get(path).send().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).statusCode();
    }

    private String scrape() throws Exception {
        return client.get("/metrics").send().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .bodyAsString();
    }

    /** The value of one series, or -1 when it is absent. */
    private static double series(String text, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name + "{" + labels + "}") + " (\\S+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    @Test
    void countsEachRequestByRouteMethodAndStatus() throws Exception {
        assertThat(status("/health")).isEqualTo(200);
        assertThat(status("/health")).isEqualTo(200);
        assertThat(status("/version")).isEqualTo(200);

        String text = scrape();

        assertThat(series(text, "http_server_requests_seconds_count", "method=\"GET\",route=\"/health\",status=\"200\""))
                .isEqualTo(2);
        assertThat(series(text, "http_server_requests_seconds_count", "method=\"GET\",route=\"/version\",status=\"200\""))
                .isEqualTo(1);
    }

    @Test
    void recordsLatencyAsAHistogramWithBuckets() throws Exception {
        assertThat(status("/health")).isEqualTo(200);

        String text = scrape();

        assertThat(series(text, "http_server_requests_seconds_bucket",
                "method=\"GET\",route=\"/health\",status=\"200\",le=\"+Inf\"")).isEqualTo(1);
        assertThat(series(text, "http_server_requests_seconds_bucket",
                "method=\"GET\",route=\"/health\",status=\"200\",le=\"5.0\"")).isEqualTo(1);
        assertThat(series(text, "http_server_requests_seconds_sum", "method=\"GET\",route=\"/health\",status=\"200\""))
                .isPositive();
    }

    @Test
    void unknownPathsShareOneLabelSoScannersCannotExplodeTheSeries() throws Exception {
        assertThat(status("/admin")).isEqualTo(404);
        assertThat(status("/wp-login.php")).isEqualTo(404);

        String text = scrape();

        assertThat(series(text, "http_server_requests_seconds_count",
                "method=\"GET\",route=\"UNMATCHED\",status=\"404\"")).isEqualTo(2);
        assertThat(text).doesNotContain("wp-login");
    }
}
