package dev.ecsapp.sandbox.kubernetes;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionNames;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Reads the resource type a stored CustomResourceDefinition makes servable. */
final class CustomResourceTypes {

    private CustomResourceTypes() {
    }

    static ResourceType of(CustomResourceDefinition crd) {
        // fabric8's CRUD store serves one version per CRD, the one of highest priority; announce exactly that one.
        String version = CustomResourceDefinitionContext.fromCrd(crd).getVersion();
        CustomResourceDefinitionNames names = crd.getSpec().getNames();
        return new ResourceType(
                crd.getSpec().getGroup(),
                version,
                names.getPlural(),
                Objects.requireNonNullElse(names.getSingular(), names.getKind().toLowerCase(Locale.ROOT)),
                names.getKind(),
                "Namespaced".equals(crd.getSpec().getScope()),
                Objects.requireNonNullElse(names.getShortNames(), List.of()),
                hasStatusSubresource(crd, version));
    }

    private static boolean hasStatusSubresource(CustomResourceDefinition crd, String version) {
        return crd.getSpec().getVersions().stream()
                .filter(v -> v.getName().equals(version))
                .map(CustomResourceDefinitionVersion::getSubresources)
                .anyMatch(subresources -> subresources != null && subresources.getStatus() != null);
    }
}
