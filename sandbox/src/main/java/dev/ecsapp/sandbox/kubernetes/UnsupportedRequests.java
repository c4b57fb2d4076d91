package dev.ecsapp.sandbox.kubernetes;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.HttpURLConnection;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Recognises the requests the CRUD store would mishandle, and refuses them with a message that says why. */
final class UnsupportedRequests {

    private static final String PROTOBUF = "application/vnd.kubernetes.protobuf";
    private static final String APPLY_PATCH = "application/apply-patch+yaml";
    private static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
    private static final Pattern WATCH_QUERY = Pattern.compile("[?&]watch=(true|1)(&|$)");
    private static final Pattern DRY_RUN_QUERY = Pattern.compile("[?&]dryRun=");

    private UnsupportedRequests() {
    }

    static Optional<MockResponse> refusalOf(RecordedRequest request) {
        String contentType = contentType(request);
        if (contentType.startsWith(PROTOBUF)) {
            // The store would read the binary body as JSON, throw, and leave the request unanswered.
            return unsupportedMediaType("the sandbox API server accepts JSON only, not " + PROTOBUF);
        }
        if (contentType.startsWith(APPLY_PATCH)) {
            return unsupportedMediaType("server-side apply is not supported by the sandbox API server: "
                    + "use a client-side apply or a JSON merge patch");
        }
        if (contentType.startsWith(STRATEGIC_MERGE_PATCH)) {
            // It merges lists by keys that only the Go types of built-in kinds declare; a merge patch would differ.
            return unsupportedMediaType("strategic merge patch is not supported by the sandbox API server: "
                    + "use a JSON merge patch or a JSON patch");
        }
        String path = request.getPath();
        if (DRY_RUN_QUERY.matcher(path).find()) {
            // The store ignores the parameter: a dry run would really be carried out.
            return badRequest("dry run is not supported by the sandbox API server");
        }
        if (WATCH_QUERY.matcher(path).find() && !isWebSocketUpgrade(request)) {
            return badRequest("the sandbox API server streams watches over WebSocket only, as fabric8 clients ask; "
                    + "a watch over a plain HTTP response (kubectl get --watch) is not supported");
        }
        return Optional.empty();
    }

    private static boolean isWebSocketUpgrade(RecordedRequest request) {
        String upgrade = request.getHeader("Upgrade");
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    private static String contentType(RecordedRequest request) {
        String contentType = request.getHeader("Content-Type");
        return contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    }

    private static Optional<MockResponse> unsupportedMediaType(String message) {
        return Optional.of(Responses.status(HttpURLConnection.HTTP_UNSUPPORTED_TYPE, "UnsupportedMediaType", message));
    }

    private static Optional<MockResponse> badRequest(String message) {
        return Optional.of(Responses.status(HttpURLConnection.HTTP_BAD_REQUEST, "BadRequest", message));
    }
}
