package dev.ecsapp.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CustomResourceTest {

    @RegisterExtension
    final RunningApi api = RunningApi.withWidgets(server());

    /** The server these tests run against; a subclass runs them against the other one. */
    KubernetesApi.Server server() {
        return KubernetesApi.Server.MOCK;
    }

    @Test
    void aCreatedWidgetIsReadBackWithTheMetadataTheServerFills() {
        api.client().resource(Widget.named("default", "first", 1)).create();

        Widget read = api.client().resources(Widget.class).inNamespace("default").withName("first").get();

        assertThat(read.getSpec().size).isEqualTo(1);
        assertThat(read.getMetadata().getUid()).isNotBlank();
        assertThat(read.getMetadata().getCreationTimestamp()).isNotBlank();
        assertThat(read.getMetadata().getResourceVersion()).isNotBlank();
        assertThat(read.getMetadata().getGeneration()).isEqualTo(1L);
    }

    @Test
    void creatingAWidgetThatExistsIsAConflict() {
        api.client().resource(Widget.named("default", "first", 1)).create();

        assertThat(Errors.codeOf(() -> api.client().resource(Widget.named("default", "first", 2)).create()))
                .isEqualTo(409);
    }

    @Test
    void widgetsAreListedInOneNamespaceOrInAll() {
        api.client().resource(Widget.named("default", "first", 1)).create();
        api.client().resource(Widget.named("other", "second", 2)).create();

        assertThat(api.client().resources(Widget.class).inNamespace("other").list().getItems())
                .extracting(w -> w.getMetadata().getName()).containsExactly("second");
        assertThat(api.client().resources(Widget.class).inAnyNamespace().list().getItems())
                .extracting(w -> w.getMetadata().getName()).containsExactlyInAnyOrder("first", "second");
    }

    @Test
    void widgetsAreListedByLabel() {
        Widget web = Widget.named("default", "first", 1);
        web.getMetadata().setLabels(Map.of("team", "web"));
        api.client().resource(web).create();
        api.client().resource(Widget.named("default", "second", 1)).create();

        assertThat(api.client().resources(Widget.class).inAnyNamespace().withLabel("team", "web").list().getItems())
                .extracting(w -> w.getMetadata().getName()).containsExactly("first");
    }

    @Test
    void anUpdateReplacesTheSpec() {
        Widget created = api.client().resource(Widget.named("default", "first", 1)).create();
        created.getSpec().size = 7;

        Widget updated = api.client().resource(created).update();

        assertThat(updated.getSpec().size).isEqualTo(7);
    }

    @Test
    void aJsonMergePatchChangesTheFieldsItNames() {
        api.client().resource(Widget.named("default", "first", 1)).create();

        Widget patched = widget("first").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"size\":3}}");

        assertThat(patched.getSpec().size).isEqualTo(3);
    }

    @Test
    void aJsonMergePatchRemovesAFieldSetToNull() {
        Widget widget = Widget.named("default", "first", 1);
        widget.getMetadata().setLabels(Map.of("keep", "yes", "drop", "yes"));
        api.client().resource(widget).create();

        Widget patched = widget("first").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"labels\":{\"drop\":null}}}");

        assertThat(patched.getMetadata().getLabels()).containsOnlyKeys("keep");
    }

    @Test
    void aJsonMergePatchReplacesAListWhole() {
        Widget widget = Widget.named("default", "first", 1);
        widget.getMetadata().setFinalizers(List.of("a.test/one", "a.test/two"));
        api.client().resource(widget).create();

        Widget patched = widget("first").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"finalizers\":[\"a.test/two\"]}}");

        assertThat(patched.getMetadata().getFinalizers()).containsExactly("a.test/two");
    }

    @Test
    void aJsonPatchAppliesItsOperations() {
        api.client().resource(Widget.named("default", "first", 1)).create();

        Widget patched = widget("first").patch(PatchContext.of(PatchType.JSON),
                "[{\"op\":\"replace\",\"path\":\"/spec/size\",\"value\":4}]");

        assertThat(patched.getSpec().size).isEqualTo(4);
    }

    @Test
    void anEditIsSentAsAJsonPatchAndApplied() {
        api.client().resource(Widget.named("default", "first", 1)).create();

        Widget edited = widget("first").edit(w -> {
            w.getSpec().size = 5;
            return w;
        });

        assertThat(edited.getSpec().size).isEqualTo(5);
    }

    @Test
    void aDeletedWidgetIsGone() {
        api.client().resource(Widget.named("default", "first", 1)).create();

        widget("first").delete();

        assertThat(widget("first").get()).isNull();
    }

    @Test
    void deletingTheCollectionOfANamespaceDeletesItsWidgetsOnly() {
        api.client().resource(Widget.named("default", "first", 1)).create();
        api.client().resource(Widget.named("default", "second", 1)).create();
        api.client().resource(Widget.named("other", "third", 1)).create();

        api.client().resources(Widget.class).inNamespace("default").delete();

        assertThat(api.client().resources(Widget.class).inAnyNamespace().list().getItems())
                .extracting(w -> w.getMetadata().getName()).containsExactly("third");
    }

    private Resource<Widget> widget(String name) {
        return api.client().resources(Widget.class).inNamespace("default").withName(name);
    }
}
