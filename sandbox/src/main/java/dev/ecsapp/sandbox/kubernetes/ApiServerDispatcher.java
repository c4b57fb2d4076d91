package dev.ecsapp.sandbox.kubernetes;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.net.HttpURLConnection;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Answers discovery and what the store cannot parse itself, and hands every other request to the CRUD store. */
final class ApiServerDispatcher extends Dispatcher {

    private static final Pattern GROUP_VERSION_PATH = Pattern.compile("/apis/([^/]+/[^/]+)/?");
    private static final String PROTOBUF = "application/vnd.kubernetes.protobuf";

    private final Dispatcher store;
    private final Discovery discovery;

    ApiServerDispatcher(Dispatcher store, Discovery discovery) {
        this.store = store;
        this.discovery = discovery;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (sendsProtobuf(request)) {
            // The store would read the binary body as JSON, throw, and leave the request unanswered.
            return Responses.status(HttpURLConnection.HTTP_UNSUPPORTED_TYPE, "UnsupportedMediaType",
                    "the sandbox API server accepts JSON only, not " + PROTOBUF);
        }
        if (request.method() == HttpMethod.GET) {
            Optional<MockResponse> answer = discoveryAnswer(pathOf(request), request.getHeader("Host"));
            if (answer.isPresent()) {
                return answer.get();
            }
        }
        try {
            return store.dispatch(request);
        } catch (RuntimeException e) {
            // Vert.x would log this and never answer; a client waiting on it hangs until its own timeout.
            return Responses.status(HttpURLConnection.HTTP_INTERNAL_ERROR, "InternalError", String.valueOf(e.getMessage()));
        }
    }

    private Optional<MockResponse> discoveryAnswer(String path, String serverAddress) {
        if (path.startsWith("/openapi/")) {
            // Without an OpenAPI document kubectl falls back to discovery alone; the store would answer with a list.
            return Optional.of(notFound(path));
        }
        return switch (path) {
            case "/version" -> Optional.of(Responses.json(HttpURLConnection.HTTP_OK, discovery.version()));
            case "/api" -> Optional.of(Responses.json(HttpURLConnection.HTTP_OK, discovery.coreVersions(serverAddress)));
            case "/api/v1" -> Optional.of(resources("v1", path));
            case "/apis" -> Optional.of(Responses.json(HttpURLConnection.HTTP_OK, discovery.groups()));
            default -> {
                Matcher groupVersion = GROUP_VERSION_PATH.matcher(path);
                yield groupVersion.matches() ? Optional.of(resources(groupVersion.group(1), path)) : Optional.empty();
            }
        };
    }

    private MockResponse resources(String groupVersion, String path) {
        return discovery.resources(groupVersion)
                .map(list -> Responses.json(HttpURLConnection.HTTP_OK, list))
                .orElseGet(() -> notFound(path));
    }

    private static MockResponse notFound(String path) {
        return Responses.status(HttpURLConnection.HTTP_NOT_FOUND, "NotFound", "the server could not find " + path);
    }

    private static boolean sendsProtobuf(RecordedRequest request) {
        String contentType = request.getHeader("Content-Type");
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(PROTOBUF);
    }

    private static String pathOf(RecordedRequest request) {
        String path = request.getPath();
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }
}
