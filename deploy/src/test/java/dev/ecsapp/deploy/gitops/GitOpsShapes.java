package dev.ecsapp.deploy.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ecsapp.deploy.RepositoryFiles;
import dev.ecsapp.operator.CrdSchema;
import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import dev.ecsapp.operator.controller.OperatorOnSandbox;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a GitOps tool sees of the apps it applied while the real operator runs on the sandbox's own API server: the
 * examples of deploy/examples, the stored spec against the manifest, and who owns which fields in managedFields.
 */
final class GitOpsShapes {

    static final Path EXAMPLES = RepositoryFiles.deploy().resolve("examples");
    static final Duration READY = Duration.ofSeconds(180);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String IMAGE_REPOSITORY = "reference-service";
    private static final String IMAGE_TAG = "0.1.0";

    private GitOpsShapes() {
    }

    /** The top-level examples, as the main job applies them. */
    static List<Path> examples() {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode manifest(Path example) {
        try {
            return (ObjectNode) YAML.readTree(example.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String name(Path example) {
        return manifest(example).at("/metadata/name").asText();
    }

    /** What the release pipeline does before the examples can run: the image they name, in the sandbox's ECR. */
    static void pushTheExamplesImage(OperatorOnSandbox sandbox) {
        sandbox.aws().ecr().createRepository(r -> r.repositoryName(IMAGE_REPOSITORY));
        sandbox.aws().ecr().putImage(r -> r.repositoryName(IMAGE_REPOSITORY).imageTag(IMAGE_TAG).imageManifest(
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"layers\":[]}"));
    }

    static Resource<GenericKubernetesResource> ecsApp(OperatorOnSandbox sandbox, String name) {
        return sandbox.kubernetes().genericKubernetesResources(HasMetadata.getApiVersion(EcsApp.class),
                HasMetadata.getKind(EcsApp.class)).inNamespace(OperatorOnSandbox.NAMESPACE).withName(name);
    }

    static JsonNode live(OperatorOnSandbox sandbox, String name) {
        return Serialization.jsonMapper().valueToTree(ecsApp(sandbox, name).get());
    }

    static boolean readyAtCurrentGeneration(OperatorOnSandbox sandbox, String name) {
        JsonNode app = live(sandbox, name);
        return app.at("/status/observedGeneration").asLong(-1) == app.at("/metadata/generation").asLong()
                && sandbox.ready(name);
    }

    static void awaitReady(OperatorOnSandbox sandbox, List<Path> examples) {
        for (Path example : examples) {
            String name = name(example);
            await().atMost(READY).pollInterval(Duration.ofMillis(200)).alias(name + " Ready")
                    .until(() -> readyAtCurrentGeneration(sandbox, name));
        }
    }

    /**
     * Flux's kustomize-controller detects drift with a server-side apply dry run (field manager
     * kustomize-controller, force) of the manifest: what it would store, compared with what is stored.
     */
    static JsonNode fluxDryRun(OperatorOnSandbox sandbox, Path example) {
        GenericKubernetesResource manifest = Serialization.unmarshal(manifest(example).toString(),
                GenericKubernetesResource.class);
        GenericKubernetesResource answer = sandbox.kubernetes().resource(manifest).dryRun()
                .fieldManager(FluxShapeOnOwnServerTest.MANAGER).forceConflicts().serverSideApply();
        return Serialization.jsonMapper().valueToTree(answer);
    }

    /** The manifest's spec with the CRD's defaults, as the API server stores it: what a GitOps tool expects. */
    static JsonNode expectedSpec(Path example) {
        try {
            JsonNode crd = YAML.readTree(RepositoryFiles.root().resolve("crds").resolve("ecsapps.ecsapp.dev-v1.yml")
                    .toFile());
            JsonNode spec = manifest(example).get("spec").deepCopy();
            CrdSchema.applyDefaults(crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec"), spec);
            return spec;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * No drift in any example's spec: the stored spec is the manifest's with the CRD's defaults, a Flux dry run gives
     * the same spec and changes nothing (same resourceVersion and generation), and no field manager but the tool's
     * own owns a spec field: the operator owns the status and its finalizer, nothing else.
     */
    static void assertNoDrift(OperatorOnSandbox sandbox, List<Path> examples, String toolManager) {
        for (Path example : examples) {
            String name = name(example);
            JsonNode live = live(sandbox, name);
            String owners = owners(live);
            assertThat(live.get("spec")).as("%s: stored spec against the manifest with defaults\n%s", name, owners)
                    .isEqualTo(expectedSpec(example));
            JsonNode dryRun = fluxDryRun(sandbox, example);
            JsonNode after = live(sandbox, name);
            assertThat(dryRun.get("spec")).as("%s: spec of a Flux dry run", name).isEqualTo(after.get("spec"));
            assertThat(dryRun.at("/metadata/generation")).as("%s: generation of a Flux dry run", name)
                    .isEqualTo(after.at("/metadata/generation"));
            for (JsonNode entry : live.at("/metadata/managedFields")) {
                String manager = entry.path("manager").asText();
                Set<String> fields = topLevelFields(entry.path("fieldsV1"));
                if (manager.equals(toolManager)) {
                    assertThat(fields).as("%s: what %s owns\n%s", name, manager, owners).contains("f:spec");
                } else {
                    assertThat(fields).as("%s: %s owns a spec field\n%s", name, manager, owners)
                            .doesNotContain("f:spec");
                    assertThat(fields).as("%s: %s owns more than status and finalizers\n%s", name, manager, owners)
                            .isSubsetOf("f:status", "f:metadata.f:finalizers");
                }
            }
            assertThat(live.at("/metadata/managedFields").findValuesAsText("manager")).as(owners)
                    .contains(toolManager).hasSizeGreaterThan(1);
        }
    }

    /** {@code f:spec}, {@code f:status}, and {@code f:metadata.f:<field>} for what an entry owns below metadata. */
    static Set<String> topLevelFields(JsonNode fieldsV1) {
        Set<String> fields = new TreeSet<>();
        fieldsV1.fieldNames().forEachRemaining(field -> {
            if (field.equals("f:metadata")) {
                fieldsV1.get(field).fieldNames().forEachRemaining(inner -> fields.add(field + "." + inner));
            } else {
                fields.add(field);
            }
        });
        return fields;
    }

    /** managedFields as one line per entry: manager, operation, subresource, and the top-level fields it owns. */
    static String owners(JsonNode object) {
        List<String> lines = new ArrayList<>();
        lines.add("managedFields of " + object.at("/metadata/name").asText() + ":");
        for (JsonNode entry : object.at("/metadata/managedFields")) {
            lines.add("  " + entry.path("manager").asText() + " " + entry.path("operation").asText()
                    + (entry.hasNonNull("subresource") ? " /" + entry.path("subresource").asText() : "") + ": "
                    + describe(entry.path("fieldsV1")));
        }
        return String.join("\n", lines);
    }

    private static String describe(JsonNode fieldsV1) {
        List<String> parts = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = fieldsV1.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals(".")) {
                continue;
            }
            List<String> inner = new ArrayList<>();
            field.getValue().fieldNames().forEachRemaining(name -> {
                if (!name.equals(".")) {
                    inner.add(name);
                }
            });
            parts.add(field.getKey() + (inner.isEmpty() ? "" : inner.toString()));
        }
        return String.join(" ", parts);
    }

    /**
     * Through a whole full resync of every app (and the status patches it makes), each stays Ready at the generation
     * the re-apply left: checked all along the window, not once after it.
     */
    static void staySteadyThroughAFullResync(OperatorOnSandbox sandbox, List<Path> examples,
            Map<String, Long> generations) {
        Duration window = OperatorOnSandbox.FULL_RESYNC.plusSeconds(1);
        await().during(window).atMost(window.plusSeconds(10)).until(() -> examples.stream().allMatch(example -> {
            String name = name(example);
            return readyAtCurrentGeneration(sandbox, name)
                    && live(sandbox, name).at("/metadata/generation").asLong() == generations.get(name);
        }));
        for (Path example : examples) {
            String name = name(example);
            assertThat(readyAtCurrentGeneration(sandbox, name)).as(name + " Ready").isTrue();
            assertThat(live(sandbox, name).at("/metadata/generation").asLong()).as(name)
                    .isEqualTo(generations.get(name));
        }
    }
}
