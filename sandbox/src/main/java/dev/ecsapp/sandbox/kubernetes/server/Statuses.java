package dev.ecsapp.sandbox.kubernetes.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The {@code Status} objects kube-apiserver answers errors with, worded as it words them: clients print the message
 * and some match the reason ({@code AlreadyExists}, {@code Conflict}) to decide what to do next.
 */
final class Statuses {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Statuses() {
    }

    /** One entry of {@code details.causes}: a field and what is wrong with it. */
    record Cause(String reason, String field, String message) {
    }

    static ApiException notFound(Kind kind, String name) {
        return failure(404, "NotFound", kind.qualifiedResource() + " \"" + name + "\" not found",
                details(name, kind.group(), kind.plural()));
    }

    static ApiException namespaceNotFound(String namespace) {
        return failure(404, "NotFound", "namespaces \"" + namespace + "\" not found",
                details(namespace, "", "namespaces"));
    }

    static ApiException alreadyExists(Kind kind, String name) {
        return failure(409, "AlreadyExists", kind.qualifiedResource() + " \"" + name + "\" already exists",
                details(name, kind.group(), kind.plural()));
    }

    static ApiException conflict(Kind kind, String name, String why) {
        return failure(409, "Conflict", "Operation cannot be fulfilled on " + kind.qualifiedResource() + " \""
                + name + "\": " + why, details(name, kind.group(), kind.plural()));
    }

    static ApiException staleResourceVersion(Kind kind, String name) {
        return conflict(kind, name,
                "the object has been modified; please apply your changes to the latest version and try again");
    }

    /** 422: {@code Widget.test.ecsapp.dev "first" is invalid: spec.size: Invalid value: ...}. */
    static ApiException invalid(Kind kind, String name, List<Cause> causes) {
        StringBuilder message = new StringBuilder(kind.qualifiedKind()).append(" \"").append(name)
                .append("\" is invalid: ");
        if (causes.size() == 1) {
            message.append(fieldMessage(causes.get(0)));
        } else {
            message.append('[');
            for (int i = 0; i < causes.size(); i++) {
                message.append(i == 0 ? "" : ", ").append(fieldMessage(causes.get(i)));
            }
            message.append(']');
        }
        ObjectNode details = details(name, kind.group(), kind.kind());
        ArrayNode list = details.putArray("causes");
        causes.forEach(cause -> list.addObject()
                .put("reason", cause.reason()).put("message", cause.message()).put("field", cause.field()));
        return failure(422, "Invalid", message.toString(), details);
    }

    static ApiException terminatingNamespace(Kind kind, String name, String namespace) {
        ObjectNode details = details(name, kind.group(), kind.plural());
        details.putArray("causes").addObject().put("reason", "NamespaceTerminating")
                .put("message", "namespace " + namespace + " is being terminated").put("field", "metadata.namespace");
        return failure(403, "Forbidden", kind.qualifiedResource() + " \"" + name + "\" is forbidden: unable to "
                + "create new content in namespace " + namespace + " because it is being terminated", details);
    }

    /** A JSON patch that cannot be applied: kube-apiserver answers 422 with the patch library's message. */
    static ApiException invalidPatch(String message) {
        return failure(422, "Invalid", message, null);
    }

    static ApiException badRequest(String message) {
        return failure(400, "BadRequest", message, null);
    }

    /** A request the server failed on: kube-apiserver's InternalError Status, with no stack trace in it. */
    static ApiException internalError(String message) {
        return failure(500, "InternalError", "Internal error occurred: " + message, null);
    }

    static ApiException methodNotAllowed(String message) {
        return failure(405, "MethodNotAllowed", message, null);
    }

    static ApiException unsupportedMediaType(String contentType, List<String> accepted) {
        return failure(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted "
                + "media types include: " + String.join(", ", accepted), null);
    }

    /** kube-apiserver's answer to an Accept it cannot serve, such as protobuf alone for a custom resource. */
    static ApiException notAcceptable() {
        return failure(406, "NotAcceptable", "only the following media types are accepted: application/json, "
                + "application/yaml", null);
    }

    static ApiException notFoundPath() {
        return failure(404, "NotFound", "the server could not find the requested resource", null);
    }

    /** What a watch from a resourceVersion older than the kept window ends with, as its one ERROR event. */
    static ApiException expired(long asked, long oldest) {
        return failure(410, "Expired", "too old resource version: " + asked + " (" + oldest + ")", null);
    }

    static ApiException internal(String message) {
        return failure(500, "InternalError", "Internal error occurred: " + message, null);
    }

    /** The {@code Status} of a successful delete of an object kube-apiserver does not return. */
    static ObjectNode success() {
        ObjectNode status = base();
        status.put("status", "Success");
        return status;
    }

    private static String fieldMessage(Cause cause) {
        return cause.field().isEmpty() ? cause.message() : cause.field() + ": " + cause.message();
    }

    private static ObjectNode details(String name, String group, String kind) {
        ObjectNode details = JSON.objectNode();
        details.put("name", name);
        if (!group.isEmpty()) {
            details.put("group", group);
        }
        details.put("kind", kind);
        return details;
    }

    private static ApiException failure(int code, String reason, String message, ObjectNode details) {
        ObjectNode status = base();
        status.put("status", "Failure");
        status.put("message", message);
        status.put("reason", reason);
        if (details != null) {
            status.set("details", details);
        }
        status.put("code", code);
        return new ApiException(status);
    }

    private static ObjectNode base() {
        ObjectNode status = JSON.objectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        return status;
    }
}
