package dev.ecsapp.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FinalizerTest {

    private static final String FINALIZER = "test.ecsapp.dev/cleanup";

    @RegisterExtension
    final RunningApi api = RunningApi.withWidgets(server());

    /** The server these tests run against; a subclass runs them against the other one. */
    KubernetesApi.Server server() {
        return KubernetesApi.Server.MOCK;
    }

    @Test
    void aMergePatchAddsAFinalizer() {
        api.client().resource(Widget.named("default", "first", 1)).create();

        widget().patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"finalizers\":[\"" + FINALIZER + "\"]}}");

        assertThat(widget().get().getMetadata().getFinalizers()).containsExactly(FINALIZER);
    }

    @Test
    void anEditAddsAFinalizerWithAJsonPatch() {
        api.client().resource(Widget.named("default", "first", 1)).create();

        widget().edit(w -> {
            w.addFinalizer(FINALIZER);
            return w;
        });

        assertThat(widget().get().getMetadata().getFinalizers()).containsExactly(FINALIZER);
    }

    @Test
    void deletingAWidgetWithAFinalizerOnlyMarksItForDeletion() {
        createWithFinalizer();

        widget().delete();

        Widget marked = widget().get();
        assertThat(marked).isNotNull();
        assertThat(marked.getMetadata().getDeletionTimestamp()).isNotBlank();
        assertThat(marked.getMetadata().getFinalizers()).containsExactly(FINALIZER);
    }

    @Test
    void aMergePatchRemovingTheLastFinalizerOfAMarkedWidgetDeletesIt() {
        createWithFinalizer();
        widget().delete();

        widget().patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");

        assertThat(widget().get()).isNull();
    }

    @Test
    void anEditRemovingTheLastFinalizerOfAMarkedWidgetDeletesIt() {
        createWithFinalizer();
        widget().delete();

        widget().edit(w -> {
            w.removeFinalizer(FINALIZER);
            return w;
        });

        assertThat(widget().get()).isNull();
    }

    @Test
    void anUpdateRemovingTheLastFinalizerOfAMarkedWidgetDeletesIt() {
        createWithFinalizer();
        widget().delete();
        Widget marked = widget().get();
        marked.getMetadata().setFinalizers(List.of());

        api.client().resource(marked).update();

        assertThat(widget().get()).isNull();
    }

    @Test
    void aPatchThatRemovesTheLastFinalizerAnswersWithTheWidgetAsItWentAway() {
        createWithFinalizer();
        widget().delete();

        Widget answer = widget().patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");

        assertThat(answer.getMetadata().getName()).isEqualTo("first");
        assertThat(answer.getMetadata().getDeletionTimestamp()).isNotBlank();
        assertThat(answer.getMetadata().getFinalizers()).isEmpty();
    }

    @Test
    void anUpdateThatRemovesTheLastFinalizerAnswersWithTheWidgetAsItWentAway() {
        createWithFinalizer();
        widget().delete();
        Widget marked = widget().get();
        marked.getMetadata().setFinalizers(List.of());

        Widget answer = api.client().resource(marked).update();

        assertThat(answer.getMetadata().getName()).isEqualTo("first");
        assertThat(answer.getMetadata().getFinalizers()).isEmpty();
    }

    @Test
    void aMarkedWidgetStaysWhileAnotherFinalizerRemains() {
        Widget widget = Widget.named("default", "first", 1);
        widget.getMetadata().setFinalizers(List.of(FINALIZER, "test.ecsapp.dev/other"));
        api.client().resource(widget).create();
        widget().delete();

        widget().patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"finalizers\":[\"test.ecsapp.dev/other\"]}}");

        assertThat(widget().get().getMetadata().getFinalizers()).containsExactly("test.ecsapp.dev/other");
    }

    @Test
    void anUpdateCannotTakeBackTheDeletionTimestamp() {
        createWithFinalizer();
        widget().delete();
        Widget marked = widget().get();
        marked.getMetadata().setDeletionTimestamp(null);
        marked.getSpec().size = 2;

        api.client().resource(marked).update();

        assertThat(widget().get().getMetadata().getDeletionTimestamp()).isNotBlank();
    }

    @Test
    void anUpdateFromACopyReadBeforeTheDeletionStillDeletesWhenItRemovesTheLastFinalizer() {
        createWithFinalizer();
        Widget earlier = widget().get();
        widget().delete();
        earlier.getMetadata().setResourceVersion(null);
        earlier.getMetadata().setFinalizers(List.of());

        api.client().resource(earlier).update();

        assertThat(widget().get()).isNull();
    }

    private void createWithFinalizer() {
        Widget widget = Widget.named("default", "first", 1);
        widget.addFinalizer(FINALIZER);
        api.client().resource(widget).create();
    }

    private Resource<Widget> widget() {
        return api.client().resources(Widget.class).inNamespace("default").withName("first");
    }
}
