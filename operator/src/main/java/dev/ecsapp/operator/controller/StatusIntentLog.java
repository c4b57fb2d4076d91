package dev.ecsapp.operator.controller;

import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import dev.ecsapp.operator.api.v1alpha1.Intent;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import java.util.Optional;

/**
 * Writes each announced step into {@code status.intent} with a merge patch of that one field before the step is
 * taken; a step announced again (the same action for the same spec) is not written twice. The rest of the status is
 * written once, at the end of the reconcile, by the reconciler.
 */
final class StatusIntentLog implements IntentLog {

    private final KubernetesClient client;
    private final HasMetadata app;
    private final String specHash;
    private final long generation;
    private Intent written;

    StatusIntentLog(KubernetesClient client, HasMetadata app, String specHash, long generation, Intent stored) {
        this.client = client;
        this.app = app;
        this.specHash = specHash;
        this.generation = generation;
        this.written = stored;
    }

    @Override
    public void announce(String action) {
        Intent intent = new Intent(action, specHash, generation);
        if (intent.equals(written)) {
            return;
        }
        patchIntent(Serialization.asJson(Map.of("status", Map.of("intent", intent))));
        written = intent;
    }

    /**
     * Removes the intent once every announced step was taken. A merge patch of its own, because the reconciler's
     * status write cannot remove it: without server-side apply JOSDK diffs against the status the reconcile started
     * from (which had no intent), and with it the field belongs to another field manager.
     */
    void clear() {
        if (written != null) {
            patchIntent("{\"status\":{\"intent\":null}}");
            written = null;
        }
    }

    /*
     * The write moves the object's resourceVersion. The reconciler's own status write at the end goes with the
     * resourceVersion of the object it holds (with server-side apply, java-operator-sdk sends it as a precondition), so
     * the object is moved along: else every reconcile that announced a step would end in 409 Conflict and a retry.
     */
    private void patchIntent(String mergePatch) {
        EcsApp patched = client.resources(EcsApp.class).inNamespace(app.getMetadata().getNamespace())
                .withName(app.getMetadata().getName()).subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch);
        if (patched != null && patched.getMetadata() != null) {
            app.getMetadata().setResourceVersion(patched.getMetadata().getResourceVersion());
        }
    }

    /** The step announced last in this reconcile, if any. */
    Optional<Intent> announced() {
        return Optional.ofNullable(written).filter(intent -> specHash.equals(intent.specHash())
                && intent.generation() == generation);
    }
}
