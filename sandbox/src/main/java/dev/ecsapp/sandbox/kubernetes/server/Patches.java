package dev.ecsapp.sandbox.kubernetes.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The patch types, the field manager and dryRun of a write, checked as kube-apiserver checks them. */
final class Patches {

    static final String APPLY = "application/apply-patch+yaml";
    static final String STRATEGIC = "application/strategic-merge-patch+json";
    private static final String JSON_PATCH = "application/json-patch+json";
    private static final String MERGE = "application/merge-patch+json";
    private static final int MAX_MANAGER_LENGTH = 128;

    private Patches() {
    }

    /**
     * Refuses a patch type the resource does not take (strategic merge needs Go types: custom resources answer 415,
     * as kube-apiserver does), an apply without a field manager, and force outside apply.
     */
    static void requireSupported(String type, Kind kind, HttpRequest request) {
        boolean custom = kind.schema() != null;
        List<String> accepted = custom ? List.of(JSON_PATCH, MERGE, APPLY) : List.of(JSON_PATCH, MERGE, STRATEGIC, APPLY);
        if (!accepted.contains(type)) {
            throw Statuses.unsupportedMediaType(type, accepted);
        }
        String manager = request.param("fieldManager");
        if (type.equals(APPLY) && (manager == null || manager.isEmpty())) {
            throw Statuses.badRequest("PATCH " + request.path() + ": fieldManager is required for apply requests");
        }
        if (!type.equals(APPLY) && request.param("force") != null) {
            throw Statuses.badRequest("force may not be specified for non-apply patch");
        }
        if (manager != null && manager.length() > MAX_MANAGER_LENGTH) {
            throw Statuses.badRequest("fieldManager: Too long: must have at most 128 bytes");
        }
    }

    /** The manager a write records: {@code fieldManager}, or the User-Agent's product as kube-apiserver takes it. */
    static String manager(HttpRequest request) {
        String manager = request.param("fieldManager");
        return manager != null && !manager.isEmpty() ? manager : FieldManager.defaultManager(request.userAgent());
    }

    /** {@code dryRun=All} in the query (or DeleteOptions): do everything but store. Any other value is a 400. */
    static boolean dryRun(HttpRequest request, JsonNode options) {
        String query = request.param("dryRun");
        JsonNode body = options.path("dryRun");
        String value = query != null ? query : body.isArray() && !body.isEmpty() ? body.get(0).asText() : null;
        if (value == null || value.isEmpty()) {
            return false;
        }
        if (!value.equals("All")) {
            throw Statuses.badRequest("Invalid dry run value: " + value + ": valid values are [All]");
        }
        return true;
    }
}
