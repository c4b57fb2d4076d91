package dev.ecsapp.sandbox.kubernetes;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionList;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.function.Supplier;

/** The resource types of the CustomResourceDefinitions currently in the CRUD store. */
final class StoredCustomResourceTypes implements Supplier<List<ResourceType>> {

    private static final String DEFINITIONS_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

    private final KubernetesCrudDispatcher store;

    StoredCustomResourceTypes(KubernetesCrudDispatcher store) {
        this.store = store;
    }

    @Override
    public List<ResourceType> get() {
        // Asking the store through its own GET keeps its locking; it holds the CRDs as JSON text anyway.
        String list = store.handleGet(DEFINITIONS_PATH).getBody().readUtf8();
        return Serialization.unmarshal(list, CustomResourceDefinitionList.class).getItems().stream()
                .map(CustomResourceTypes::of)
                .toList();
    }
}
