package dev.ecsapp.sandbox.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.crud.KubernetesCrudDispatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.function.Supplier;

/** fabric8's in-memory CRUD store, corrected where it departs from a real API server in ways clients notice. */
final class KubernetesStore extends KubernetesCrudDispatcher {

    private static final String DELETION_TIMESTAMP = "deletionTimestamp";

    /** The last state of an object a write of this thread removed; the store answers such a write with no body. */
    private final ThreadLocal<GenericKubernetesResource> removedByWrite = new ThreadLocal<>();

    @Override
    public MockResponse handleUpdate(RecordedRequest request) {
        return answeringWithRemovedObject(() -> super.handleUpdate(withoutQuery(request)));
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        return answeringWithRemovedObject(() -> super.handlePatch(withoutQuery(request)));
    }

    /**
     * The store's own merge reads the patch into a copy of the object with Jackson, which appends to lists instead
     * of replacing them and keeps {@code null} values: a finalizer could never be removed by a merge patch.
     */
    @Override
    public JsonNode merge(JsonNode baseResource, String patch) throws KubernetesCrudDispatcherException {
        return JsonMergePatch.apply(baseResource, asNode(patch));
    }

    /** Once an object is marked for deletion, no write takes the mark back; the store let a full update drop it. */
    @Override
    public void preserveMetadata(JsonNode currentResource, JsonNode updatedResource) {
        super.preserveMetadata(currentResource, updatedResource);
        JsonNode deletionTimestamp = currentResource.path(METADATA).get(DELETION_TIMESTAMP);
        if (deletionTimestamp != null && !deletionTimestamp.isNull()) {
            ((ObjectNode) updatedResource.get(METADATA)).set(DELETION_TIMESTAMP, deletionTimestamp.deepCopy());
        }
    }

    /**
     * An object marked for deletion goes when its last finalizer goes. The store checks that after a patch, but
     * after a full update only when the request itself carries the mark, which a copy read earlier does not.
     */
    @Override
    public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
            GenericKubernetesResource resource, String newState) {
        GenericKubernetesResource written = newState == null ? null : parse(newState);
        if (oldAttributes != null && written != null && isMarkedWithoutFinalizers(written)) {
            removedByWrite.set(written);
            super.processEvent(path, pathAttributes, oldAttributes, null, null);
        } else {
            if (oldAttributes != null && newState == null) {
                removedByWrite.set(withoutFinalizers(parse(map.get(oldAttributes))));
            }
            super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
        }
    }

    /**
     * A write that removes the last finalizer of a marked object gets the object as it went away, as from a real
     * API server; the store answered with an empty body, which kubectl cannot read and fabric8 returns as null.
     */
    private MockResponse answeringWithRemovedObject(Supplier<MockResponse> write) {
        removedByWrite.remove();
        try {
            MockResponse response = write.get();
            GenericKubernetesResource removed = removedByWrite.get();
            if (removed != null && (response.getBody() == null || response.getBody().size() == 0)) {
                return Responses.json(HttpURLConnection.HTTP_OK, removed);
            }
            return response;
        } finally {
            removedByWrite.remove();
        }
    }

    private static boolean isMarkedWithoutFinalizers(GenericKubernetesResource object) {
        return object.isMarkedForDeletion() && object.getFinalizers().isEmpty();
    }

    private static GenericKubernetesResource withoutFinalizers(GenericKubernetesResource object) {
        object.getMetadata().setFinalizers(List.of());
        return object;
    }

    private static GenericKubernetesResource parse(String state) {
        return Serialization.unmarshal(state, GenericKubernetesResource.class);
    }

    /**
     * The store recognises a status write by the path ending in {@code /status}, so {@code ?fieldManager=...} (kubectl
     * always sends one) made it a write of the whole object, whose status the store then kept unchanged. The query of
     * a write carries nothing else the store reads.
     */
    private static RecordedRequest withoutQuery(RecordedRequest request) {
        String path = request.getPath();
        int query = path.indexOf('?');
        if (query < 0) {
            return request;
        }
        return new RecordedRequest(request.getHttpVersion(), request.method(), path.substring(0, query),
                request.getHeaders(), request.getBody());
    }
}
