package dev.ecsapp.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GenerationAndResourceVersionTest {

    @RegisterExtension
    final RunningApi api = RunningApi.withWidgets(server());

    /** The server these tests run against; a subclass runs them against the other one. */
    KubernetesApi.Server server() {
        return KubernetesApi.Server.MOCK;
    }

    @Test
    void aNewWidgetIsGenerationOne() {
        Widget created = api.client().resource(Widget.named("default", "first", 1)).create();

        assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
    }

    @Test
    void aSpecChangeIncrementsTheGeneration() {
        api.client().resource(Widget.named("default", "first", 1)).create();

        Widget patched = widget().patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"size\":2}}");

        assertThat(patched.getMetadata().getGeneration()).isEqualTo(2L);
    }

    @Test
    void aMetadataChangeLeavesTheGenerationAlone() {
        api.client().resource(Widget.named("default", "first", 1)).create();

        Widget patched = widget().patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"labels\":{\"team\":\"web\"}}}");

        assertThat(patched.getMetadata().getGeneration()).isEqualTo(1L);
    }

    @Test
    void aStatusChangeLeavesTheGenerationAlone() {
        api.client().resource(Widget.named("default", "first", 1)).create();

        Widget patched = widget().subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"status\":{\"phase\":\"Ready\"}}");

        assertThat(patched.getMetadata().getGeneration()).isEqualTo(1L);
    }

    @Test
    void everyWriteGivesANewResourceVersion() {
        String created = api.client().resource(Widget.named("default", "first", 1)).create()
                .getMetadata().getResourceVersion();
        String specPatched = widget().patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"size\":2}}")
                .getMetadata().getResourceVersion();
        String labelled = widget().patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"labels\":{\"team\":\"web\"}}}").getMetadata().getResourceVersion();
        String statusPatched = widget().subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"status\":{\"phase\":\"Ready\"}}").getMetadata().getResourceVersion();
        Widget current = widget().get();
        current.getSpec().size = 3;
        String updated = api.client().resource(current).update().getMetadata().getResourceVersion();

        assertThat(new String[] {created, specPatched, labelled, statusPatched, updated}).doesNotHaveDuplicates();
    }

    private Resource<Widget> widget() {
        return api.client().resources(Widget.class).inNamespace("default").withName("first");
    }
}
