package dev.ecsapp.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.service.ServiceUnderTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class BadRequestTest {

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

    private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Sends raw bytes (what a broken client or a scanner sends) and returns the whole answer as text. */
    private String raw(String request) throws Exception {
        try (Socket socket = new Socket(ServiceUnderTest.HOST, running.port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static void assertJsonError(HttpResponse<Buffer> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.getHeader("content-type")).isEqualTo("application/json");
        JsonObject body = response.bodyAsJsonObject();
        assertThat(body.getInteger("status")).isEqualTo(status);
        assertThat(body.getString("message")).isNotBlank();
        assertThat(body.encode()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void unknownPathIs404WithAJsonBody() throws Exception {
        HttpResponse<Buffer> response = await(client.get("/does-not-exist").send());

        assertJsonError(response, 404);
        assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("Not Found");
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        for (String path : ServiceRoutes.PATHS) {
            HttpResponse<Buffer> response = await(client.delete(path).send());

            assertJsonError(response, 405);
            assertThat(response.getHeader("allow")).isEqualTo("GET, HEAD");
        }
    }

    @Test
    void postWithASmallBodyIsStill405() throws Exception {
        HttpResponse<Buffer> response = await(client.post("/health").sendBuffer(Buffer.buffer("{}")));

        assertJsonError(response, 405);
    }

    @Test
    void bodyOverTheLimitIs413() throws Exception {
        Buffer big = Buffer.buffer(new byte[ServiceRoutes.BODY_LIMIT_BYTES + 1]);

        HttpResponse<Buffer> response = await(client.post("/health").sendBuffer(big));

        assertJsonError(response, 413);
    }

    @Test
    void chunkedBodyOverTheLimitIs413() throws Exception {
        String chunk = "a".repeat(4096);
        StringBuilder request = new StringBuilder("PUT / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (int i = 0; i < 5; i++) {
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        request.append("0\r\n\r\n");

        String answer = raw(request.toString());

        assertThat(answer).startsWith("HTTP/1.1 413 ").contains("\"status\":413");
    }

    @Test
    void garbageRequestLineIs400AndTheConnectionCloses() throws Exception {
        String answer = raw("THIS IS NOT HTTP\r\n\r\n");

        assertThat(answer).matches("(?s)HTTP/1\\.[01] 400 .*").contains("application/json").contains("\"status\":400");
    }

    @Test
    void invalidPercentEncodingIs400() throws Exception {
        String answer = raw("GET /%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400 ").contains("\"status\":400");
    }

    @Test
    void overlongUriIs414() throws Exception {
        String answer = raw("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(answer).matches("(?s)HTTP/1\\.[01] 414 .*").contains("\"status\":414");
    }

    @Test
    void oversizedHeadersAre431() throws Exception {
        String answer = raw("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(10_000) + "\r\n\r\n");

        assertThat(answer).matches("(?s)HTTP/1\\.[01] 431 .*").contains("\"status\":431");
    }

    @Test
    void theServiceKeepsServingAfterBadInput() throws Exception {
        raw("THIS IS NOT HTTP\r\n\r\n");
        raw("GET /%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(await(client.get("/health").send()).statusCode()).isEqualTo(200);
    }
}
