package dev.ecsapp.sandbox.aws.elbv2.dataplane;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What listener rules look at in a request, taken from Vert.x's parsed request: method, path without the query,
 * query parameters, host without port, headers and the client's address.
 */
record IncomingRequest(String method, String path, String query, List<Map.Entry<String, String>> queryParameters,
        String host, MultiMap headers, String sourceIp) {

    static IncomingRequest of(HttpServerRequest request) {
        String query = request.query() == null ? "" : request.query();
        String host = request.authority() == null ? "" : request.authority().host();
        return new IncomingRequest(request.method().name(), request.path(), query, parameters(query), host,
                request.headers(), request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress());
    }

    /** The query's key/value pairs, decoded; a pair without '=' has an empty value. */
    private static List<Map.Entry<String, String>> parameters(String query) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (String part : query.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int equals = part.indexOf('=');
            String key = equals < 0 ? part : part.substring(0, equals);
            String value = equals < 0 ? "" : part.substring(equals + 1);
            pairs.add(Map.entry(decode(key), decode(value)));
        }
        return pairs;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // a malformed escape is compared as sent
        }
    }
}
