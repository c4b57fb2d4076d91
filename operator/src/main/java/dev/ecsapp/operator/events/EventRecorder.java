package dev.ecsapp.operator.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes core/v1 Events about apps, what `kubectl describe` shows. The same reason and message for the same object
 * update one Event (count and lastTimestamp, as kubectl's own recorder does) instead of adding one per reconcile.
 * An Event that cannot be written is logged and dropped: events inform, they must never fail a reconcile.
 */
public final class EventRecorder {

    static final String COMPONENT = "ecsapp-operator";
    private static final Logger LOG = Logger.getLogger(EventRecorder.class.getName());
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_INSTANT;
    /** Kubernetes refuses an Event message over 1 KiB in some versions; AWS messages can be longer. */
    private static final int MAX_MESSAGE = 1024;

    private final KubernetesClient client;
    private final Clock clock;

    public EventRecorder(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public void record(HasMetadata object, EventReason reason, String message) {
        String text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 3) + "..." : message;
        String namespace = object.getMetadata().getNamespace();
        String name = eventName(object, reason, text);
        String now = TIMESTAMP.format(clock.instant());
        try {
            Event existing = client.v1().events().inNamespace(namespace).withName(name).get();
            if (existing != null) {
                existing.setCount(existing.getCount() == null ? 2 : existing.getCount() + 1);
                existing.setLastTimestamp(now);
                client.v1().events().inNamespace(namespace).resource(existing).update();
                return;
            }
            client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                    .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder()
                            .withApiVersion(object.getApiVersion())
                            .withKind(object.getKind())
                            .withName(object.getMetadata().getName())
                            .withNamespace(namespace)
                            .withUid(object.getMetadata().getUid())
                            .withResourceVersion(object.getMetadata().getResourceVersion())
                            .build())
                    .withReason(reason.name())
                    .withMessage(text)
                    .withType(reason.type())
                    .withCount(1)
                    .withFirstTimestamp(now)
                    .withLastTimestamp(now)
                    .withNewSource().withComponent(COMPONENT).endSource()
                    .withReportingComponent(COMPONENT)
                    .build()).create();
        } catch (KubernetesClientException e) {
            LOG.log(Level.WARNING, "could not record event " + reason + " for " + namespace + "/"
                    + object.getMetadata().getName() + ": " + e.getMessage());
        }
    }

    /** Deterministic per object, reason and message: the same occurrence again finds its Event by name. */
    static String eventName(HasMetadata object, EventReason reason, String message) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((object.getMetadata().getUid() + "/"
                    + reason + "/" + message).getBytes(StandardCharsets.UTF_8));
            return object.getMetadata().getName() + "." + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
