package dev.ecsapp.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.service.ServiceUnderTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class AccessLogTest {

    private ServiceUnderTest running;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        running = ServiceUnderTest.start(vertx);
    }

    @AfterEach
    void stop() throws Exception {
        running.close();
    }

    private int get(String path) throws Exception {
        return running.client().get(path).send().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .body().length();
    }

    @Test
    void eachRequestIsOneJsonLineWithMethodPathStatusDurationBytesAndRemote() throws Exception {
        int bodyBytes = get("/version");

        List<JsonObject> lines = running.accessLog();
        assertThat(lines).hasSize(1);
        JsonObject line = lines.get(0);
        assertThat(line.fieldNames()).containsExactly("time", "level", "logger", "message", "method", "path",
                "status", "durationMs", "bytes", "remote");
        assertThat(line.getString("time")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(line.getString("level")).isEqualTo("INFO");
        assertThat(line.getString("logger")).isEqualTo("access");
        assertThat(line.getString("method")).isEqualTo("GET");
        assertThat(line.getString("path")).isEqualTo("/version");
        assertThat(line.getInteger("status")).isEqualTo(200);
        assertThat(line.getDouble("durationMs")).isGreaterThan(0);
        assertThat(line.getLong("bytes")).isEqualTo(bodyBytes);
        assertThat(line.getString("remote")).isEqualTo("127.0.0.1");
    }

    @Test
    void errorsAreLoggedWithTheirStatus() throws Exception {
        get("/nowhere");

        assertThat(running.accessLog()).singleElement().satisfies(line -> {
            assertThat(line.getString("path")).isEqualTo("/nowhere");
            assertThat(line.getInteger("status")).isEqualTo(404);
        });
    }

    @Test
    void aHostileLongPathIsLoggedAsSentButCutShort() throws Exception {
        get("/" + "%22".repeat(300));

        String path = running.accessLog().get(0).getString("path");
        assertThat(path).hasSize(256).startsWith("/%22%22");
    }
}
