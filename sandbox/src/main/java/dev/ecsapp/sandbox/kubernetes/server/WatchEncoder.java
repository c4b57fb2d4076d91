package dev.ecsapp.sandbox.kubernetes.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;

/** Writes watch events as kube-apiserver streams them: one {@code {"type","object"}} JSON document per line. */
final class WatchEncoder {

    private final RestHandler.Watching watching;
    private final OutputStream out;
    private final Tables tables = new Tables(Clock.systemUTC());
    private boolean columnsSent;

    WatchEncoder(RestHandler.Watching watching, OutputStream out) {
        this.watching = watching;
        this.out = out;
    }

    void write(Watches.Event event) throws IOException {
        ObjectNode object = event.object();
        if (watching.table() && !event.type().equals("ERROR")) {
            // Only the first event carries the column definitions; kubectl prints the header once.
            object = tables.table(watching.subscription().kind, List.of(object),
                    object.path("metadata").path("resourceVersion").asText(), null, !columnsSent, watching.include());
            columnsSent = true;
        }
        line(event.type(), object);
    }

    /** A BOOKMARK: only the resourceVersion, and the annotation that ends the initial events when asked for. */
    void bookmark(long resourceVersion, boolean initialEventsEnd) throws IOException {
        Kind kind = watching.subscription().kind;
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        object.put("kind", kind.kind()).put("apiVersion", kind.groupVersion());
        ObjectNode metadata = object.putObject("metadata").put("resourceVersion", Long.toString(resourceVersion));
        if (initialEventsEnd) {
            metadata.putObject("annotations").put("k8s.io/initial-events-end", "true");
        }
        line("BOOKMARK", object);
    }

    private void line(String type, ObjectNode object) throws IOException {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("type", type);
        event.set("object", object);
        out.write(RestHandler.bytes(event));
        out.write('\n');
    }
}
