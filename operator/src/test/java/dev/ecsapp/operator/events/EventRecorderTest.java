package dev.ecsapp.operator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.ecsapp.sandbox.kubernetes.KubernetesApi;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against the sandbox's Kubernetes API; a ConfigMap stands in for an EcsApp (no CRD needed for Events). */
class EventRecorderTest {

    private KubernetesApi api;
    private KubernetesClient client;
    private ConfigMap object;
    private EventRecorder recorder;

    @BeforeEach
    void start() {
        api = KubernetesApi.start("127.0.0.1", 0);
        client = api.client();
        object = client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("web").withNamespace("default").endMetadata().build()).create();
        recorder = new EventRecorder(client, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private List<Event> events() {
        return client.v1().events().inNamespace("default").list().getItems();
    }

    @Test
    void anEventNamesTheObjectReasonAndMessage() {
        recorder.record(object, EventReason.RolloutStarted, "rolling out task definition web:2");

        assertThat(events()).singleElement().satisfies(e -> {
            assertThat(e.getInvolvedObject().getName()).isEqualTo("web");
            assertThat(e.getInvolvedObject().getKind()).isEqualTo("ConfigMap");
            assertThat(e.getInvolvedObject().getUid()).isEqualTo(object.getMetadata().getUid());
            assertThat(e.getReason()).isEqualTo("RolloutStarted");
            assertThat(e.getType()).isEqualTo("Normal");
            assertThat(e.getMessage()).isEqualTo("rolling out task definition web:2");
            assertThat(e.getSource().getComponent()).isEqualTo("ecsapp-operator");
            assertThat(e.getCount()).isEqualTo(1);
        });
    }

    @Test
    void theSameOccurrenceAgainCountsUpInsteadOfAddingEvents() {
        recorder.record(object, EventReason.AwsRejected, "ClientException: No Fargate configuration exists");
        recorder.record(object, EventReason.AwsRejected, "ClientException: No Fargate configuration exists");
        recorder.record(object, EventReason.AwsRejected, "ClientException: No Fargate configuration exists");

        assertThat(events()).singleElement().satisfies(e -> {
            assertThat(e.getCount()).isEqualTo(3);
            assertThat(e.getType()).isEqualTo("Warning");
        });
    }

    @Test
    void differentMessagesAreDifferentEvents() {
        recorder.record(object, EventReason.Created, "created target group web-default");
        recorder.record(object, EventReason.Created, "created service default_web");

        assertThat(events()).hasSize(2);
    }

    @Test
    void aVeryLongMessageIsCutToOneKibibyte() {
        recorder.record(object, EventReason.AwsRejected, "x".repeat(5000));

        assertThat(events().get(0).getMessage()).hasSize(1024).endsWith("...");
    }

    @Test
    void anEventThatCannotBeWrittenDoesNotFailTheCaller() {
        // Port 1 on loopback: nothing listens, the connection is refused at once.
        try (KubernetesClient unreachable = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl("http://127.0.0.1:1").withRequestRetryBackoffLimit(0).build()).build()) {
            EventRecorder failing = new EventRecorder(unreachable, Clock.systemUTC());

            assertThatCode(() -> failing.record(object, EventReason.Deleted, "deleted")).doesNotThrowAnyException();
        }
    }

    @Test
    void theEventNameIsStablePerObjectReasonAndMessage() {
        String name = EventRecorder.eventName(object, EventReason.Deleted, "deleted");

        assertThat(name).startsWith("web.").hasSize(4 + 16)
                .isEqualTo(EventRecorder.eventName(object, EventReason.Deleted, "deleted"))
                .isNotEqualTo(EventRecorder.eventName(object, EventReason.Deleted, "other"));
    }
}
