package dev.ecsapp.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WatchTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final RunningApi api = RunningApi.withWidgets(server());

    /** The server these tests run against; a subclass runs them against the other one. */
    KubernetesApi.Server server() {
        return KubernetesApi.Server.MOCK;
    }

    @Test
    void aWatchAcrossNamespacesSeesWidgetsAddedModifiedAndDeletedInAnyNamespace() {
        Events events = new Events();
        Watch watch = api.client().resources(Widget.class).inAnyNamespace().watch(events);
        try {
            api.client().resource(Widget.named("default", "first", 1)).create();
            api.client().resource(Widget.named("other", "second", 1)).create();
            api.client().resources(Widget.class).inNamespace("other").withName("second")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"size\":2}}");
            api.client().resources(Widget.class).inNamespace("default").withName("first").delete();

            await().atMost(WAIT).untilAsserted(() -> assertThat(events.seen).containsExactly(
                    "ADDED default/first", "ADDED other/second", "MODIFIED other/second", "DELETED default/first"));
        } finally {
            watch.close();
        }
    }

    @Test
    void aWatchInOneNamespaceSeesOnlyThatNamespace() {
        Events events = new Events();
        Watch watch = api.client().resources(Widget.class).inNamespace("other").watch(events);
        try {
            api.client().resource(Widget.named("default", "first", 1)).create();
            api.client().resource(Widget.named("other", "second", 1)).create();

            await().atMost(WAIT).untilAsserted(() -> assertThat(events.seen).containsExactly("ADDED other/second"));
        } finally {
            watch.close();
        }
    }

    @Test
    void aWatchSeesTheDeletionMarkAsAModificationAndTheFinalizerRemovalAsTheDeletion() {
        Widget widget = Widget.named("default", "first", 1);
        widget.addFinalizer("test.ecsapp.dev/cleanup");
        api.client().resource(widget).create();
        Events events = new Events();
        Watch watch = api.client().resources(Widget.class).inAnyNamespace().watch(events);
        try {
            await().atMost(WAIT).until(() -> events.seen.contains("ADDED default/first"));

            api.client().resources(Widget.class).inNamespace("default").withName("first").delete();
            api.client().resources(Widget.class).inNamespace("default").withName("first")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");

            await().atMost(WAIT).untilAsserted(() -> assertThat(events.seen).containsExactly(
                    "ADDED default/first", "MODIFIED default/first", "DELETED default/first"));
        } finally {
            watch.close();
        }
    }

    @Test
    void anInformerAcrossNamespacesSeesWidgetsAddedUpdatedAndDeleted() {
        api.client().resource(Widget.named("default", "first", 1)).create();
        Handled handled = new Handled();
        try (SharedIndexInformer<Widget> informer =
                api.client().resources(Widget.class).inAnyNamespace().inform(handled)) {
            api.client().resource(Widget.named("other", "second", 1)).create();
            api.client().resources(Widget.class).inNamespace("other").withName("second")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"size\":2}}");
            api.client().resources(Widget.class).inNamespace("default").withName("first").delete();

            await().atMost(WAIT).untilAsserted(() -> assertThat(handled.seen).contains(
                    "add default/first", "add other/second", "update other/second size 2", "delete default/first"));
            assertThat(informer.getStore().list()).extracting(w -> w.getMetadata().getName())
                    .containsExactly("second");
        }
    }

    /** Records what an informer hands over as "verb namespace/name", with the size on updates. */
    private static final class Handled implements ResourceEventHandler<Widget> {

        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public void onAdd(Widget widget) {
            seen.add("add " + widget.getMetadata().getNamespace() + "/" + widget.getMetadata().getName());
        }

        @Override
        public void onUpdate(Widget before, Widget after) {
            seen.add("update " + after.getMetadata().getNamespace() + "/" + after.getMetadata().getName()
                    + " size " + after.getSpec().size);
        }

        @Override
        public void onDelete(Widget widget, boolean finalStateUnknown) {
            seen.add("delete " + widget.getMetadata().getNamespace() + "/" + widget.getMetadata().getName());
        }
    }

    /** Records each event as "ACTION namespace/name". */
    private static final class Events implements Watcher<Widget> {

        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public void eventReceived(Action action, Widget widget) {
            seen.add(action + " " + widget.getMetadata().getNamespace() + "/" + widget.getMetadata().getName());
        }

        @Override
        public void onClose(WatcherException cause) {
        }
    }
}
