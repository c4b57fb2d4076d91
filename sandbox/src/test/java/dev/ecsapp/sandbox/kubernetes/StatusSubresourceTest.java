package dev.ecsapp.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StatusSubresourceTest {

    @RegisterExtension
    final RunningApi api = RunningApi.withWidgets(server());

    /** The server these tests run against; a subclass runs them against the other one. */
    KubernetesApi.Server server() {
        return KubernetesApi.Server.MOCK;
    }

    @Test
    void aStatusGivenAtCreationIsIgnored() {
        Widget widget = Widget.named("default", "first", 1);
        widget.setStatus(phase("Ready"));

        api.client().resource(widget).create();

        assertThat(widget().get().getStatus()).isNull();
    }

    @Test
    void aStatusUpdateChangesTheStatusButNotTheSpec() {
        Widget widget = api.client().resource(Widget.named("default", "first", 1)).create();
        widget.setStatus(phase("Ready"));
        widget.getSpec().size = 9;

        api.client().resource(widget).updateStatus();

        Widget read = widget().get();
        assertThat(read.getStatus().phase).isEqualTo("Ready");
        assertThat(read.getSpec().size).isEqualTo(1);
    }

    @Test
    void aStatusMergePatchChangesTheStatusButNotTheSpec() {
        api.client().resource(Widget.named("default", "first", 1)).create();

        widget().subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"size\":9},\"status\":{\"phase\":\"Ready\"}}");

        Widget read = widget().get();
        assertThat(read.getStatus().phase).isEqualTo("Ready");
        assertThat(read.getSpec().size).isEqualTo(1);
    }

    @Test
    void aStatusEditIsSentAsAJsonPatchAndApplied() {
        api.client().resource(Widget.named("default", "first", 1)).create();

        widget().editStatus(w -> {
            w.setStatus(phase("Ready"));
            return w;
        });

        assertThat(widget().get().getStatus().phase).isEqualTo("Ready");
    }

    @Test
    void aStatusPatchWithAFieldManagerInTheQueryStillReachesTheStatus() {
        api.client().resource(Widget.named("default", "first", 1)).create();

        widget().subresource("status").patch(
                new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).withFieldManager("ecsapp").build(),
                "{\"status\":{\"phase\":\"Ready\"}}");

        assertThat(widget().get().getStatus().phase).isEqualTo("Ready");
    }

    @Test
    void aSpecUpdateLeavesTheStatusAlone() {
        api.client().resource(Widget.named("default", "first", 1)).create();
        widget().subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"status\":{\"phase\":\"Ready\"}}");
        Widget widget = widget().get();
        widget.getSpec().size = 2;
        widget.setStatus(phase("Broken"));

        api.client().resource(widget).update();

        Widget read = widget().get();
        assertThat(read.getSpec().size).isEqualTo(2);
        assertThat(read.getStatus().phase).isEqualTo("Ready");
    }

    @Test
    void aSpecMergePatchLeavesTheStatusAlone() {
        api.client().resource(Widget.named("default", "first", 1)).create();
        widget().subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"status\":{\"phase\":\"Ready\"}}");

        widget().patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"size\":2},\"status\":{\"phase\":\"Broken\"}}");

        Widget read = widget().get();
        assertThat(read.getSpec().size).isEqualTo(2);
        assertThat(read.getStatus().phase).isEqualTo("Ready");
    }

    private Resource<Widget> widget() {
        return api.client().resources(Widget.class).inNamespace("default").withName("first");
    }

    private static Widget.Status phase(String phase) {
        Widget.Status status = new Widget.Status();
        status.phase = phase;
        return status;
    }
}
