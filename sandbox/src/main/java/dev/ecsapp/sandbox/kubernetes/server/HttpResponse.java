package dev.ecsapp.sandbox.kubernetes.server;

import java.util.Map;

/** A whole answer: code, content type, body and any extra headers. */
record HttpResponse(int code, String contentType, byte[] body, Map<String, String> headers) {
}
