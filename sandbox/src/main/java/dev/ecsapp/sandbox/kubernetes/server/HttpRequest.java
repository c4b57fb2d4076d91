package dev.ecsapp.sandbox.kubernetes.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** One request as the handler reads it: method, decoded path, query parameters, the headers it looks at, body. */
record HttpRequest(String method, String path, Map<String, String> query, String contentType, String accept,
        boolean webSocketUpgrade, byte[] body, String userAgent) {

    HttpRequest(String method, String path, Map<String, String> query, String contentType, String accept,
            boolean webSocketUpgrade, byte[] body) {
        this(method, path, query, contentType, accept, webSocketUpgrade, body, null);
    }

    static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(name, value);
        }
        return query;
    }

    String param(String name) {
        return query.get(name);
    }

    boolean flag(String name) {
        String value = query.get(name);
        return "true".equals(value) || "1".equals(value);
    }

    String mediaType() {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
    }

    /** Whether the client asks for a {@code meta.k8s.io} Table, as kubectl does to print {@code get}. */
    boolean wantsTable() {
        return accept != null && accept.contains("as=Table") && accept.contains("g=meta.k8s.io");
    }

    /** Whether the client asks for aggregated discovery (apidiscovery.k8s.io/v2). */
    boolean wantsAggregatedDiscovery() {
        return accept != null && accept.contains("as=APIGroupDiscoveryList") && accept.contains("v=v2;")
                || accept != null && accept.contains("as=APIGroupDiscoveryList") && accept.endsWith("v=v2");
    }

    /** Whether the client accepts JSON at all; one asking for protobuf alone gets 406. */
    boolean acceptsJson() {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        String a = accept.toLowerCase(Locale.ROOT);
        return a.contains("json") || a.contains("*/*") || a.contains("yaml");
    }
}
