package dev.ecsapp.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EventTest {

    @RegisterExtension
    final RunningApi api = RunningApi.withWidgets(server());

    /** The server these tests run against; a subclass runs them against the other one. */
    KubernetesApi.Server server() {
        return KubernetesApi.Server.MOCK;
    }

    @Test
    void anEventAboutAWidgetIsCreatedAndListedInItsNamespace() {
        Widget widget = api.client().resource(Widget.named("default", "first", 1)).create();
        Event event = new EventBuilder()
                .withNewMetadata().withNamespace("default").withGenerateName("first-").endMetadata()
                .withNewInvolvedObject()
                .withApiVersion("test.ecsapp.dev/v1").withKind("Widget").withNamespace("default").withName("first")
                .withUid(widget.getMetadata().getUid())
                .endInvolvedObject()
                .withType("Normal")
                .withReason("Reconciled")
                .withMessage("all good")
                .withSource(new io.fabric8.kubernetes.api.model.EventSource("ecsapp-operator", null))
                .build();

        api.client().v1().events().resource(event).create();

        assertThat(api.client().v1().events().inNamespace("default").list().getItems())
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.getReason()).isEqualTo("Reconciled");
                    assertThat(e.getInvolvedObject().getName()).isEqualTo("first");
                    assertThat(e.getMetadata().getName()).startsWith("first-");
                });
    }
}
