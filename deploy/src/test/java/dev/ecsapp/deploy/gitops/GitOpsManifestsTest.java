package dev.ecsapp.deploy.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ecsapp.deploy.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Argo CD Application and the Flux objects parse, are of the kinds their controllers read, and point at EcsApps. */
class GitOpsManifestsTest {

    private static final Path GITOPS = RepositoryFiles.deploy().resolve("gitops");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @ParameterizedTest
    @ValueSource(strings = {"application.yaml", "reference-service.yaml"})
    void theArgoCdApplicationsSyncAFolderOfEcsAppsIntoTheCluster(String file) throws IOException {
        JsonNode application = YAML.readTree(GITOPS.resolve("argocd").resolve(file).toFile());

        assertThat(application.path("apiVersion").asText()).isEqualTo("argoproj.io/v1alpha1");
        assertThat(application.path("kind").asText()).isEqualTo("Application");
        assertThat(application.at("/metadata/namespace").asText()).isEqualTo("argocd");
        assertThat(application.at("/spec/project").asText()).isNotBlank();
        assertThat(application.at("/spec/source/repoURL").asText()).startsWith("https://");
        assertThat(application.at("/spec/destination/server").asText()).isEqualTo("https://kubernetes.default.svc");
        assertThatHoldsEcsApps(application.at("/spec/source/path").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"kustomization.yaml", "reference-service.yaml"})
    void fluxReadsTheRepositoryAndAppliesAFolderOfEcsAppsFromIt(String file) throws IOException {
        JsonNode source = YAML.readTree(GITOPS.resolve("flux").resolve("gitrepository.yaml").toFile());
        JsonNode kustomization = YAML.readTree(GITOPS.resolve("flux").resolve(file).toFile());

        assertThat(source.path("apiVersion").asText()).isEqualTo("source.toolkit.fluxcd.io/v1");
        assertThat(source.path("kind").asText()).isEqualTo("GitRepository");
        assertThat(source.at("/spec/url").asText()).startsWith("https://");
        assertThat(kustomization.path("apiVersion").asText()).isEqualTo("kustomize.toolkit.fluxcd.io/v1");
        assertThat(kustomization.path("kind").asText()).isEqualTo("Kustomization");
        // The source it names is the GitRepository next to it.
        assertThat(kustomization.at("/spec/sourceRef/kind").asText()).isEqualTo("GitRepository");
        assertThat(kustomization.at("/spec/sourceRef/name").asText()).isEqualTo(source.at("/metadata/name").asText());
        assertThat(kustomization.at("/metadata/namespace").asText()).isEqualTo(source.at("/metadata/namespace")
                .asText());
        // Waiting is what makes a reconciliation fail when an EcsApp does not become Ready.
        assertThat(kustomization.at("/spec/wait").asBoolean()).isTrue();
        assertThatHoldsEcsApps(kustomization.at("/spec/path").asText());
    }

    /** The release workflow deploys by committing to one manifest: both GitOps tools must be syncing its folder. */
    @Test
    void bothToolsSyncTheManifestTheReleaseWorkflowCommitsTo() throws IOException {
        String release = Files.readString(RepositoryFiles.root().resolve(".github/workflows/release.yml"));
        Matcher manifest = Pattern.compile("MANIFEST: (\\S+)").matcher(release);
        assertThat(manifest.find()).as("release.yml names the manifest it commits to").isTrue();
        String folder = Path.of(manifest.group(1)).getParent().toString();
        String argo = YAML.readTree(GITOPS.resolve("argocd/reference-service.yaml").toFile())
                .at("/spec/source/path").asText();
        String flux = YAML.readTree(GITOPS.resolve("flux/reference-service.yaml").toFile()).at("/spec/path")
                .asText();
        assertThat(Path.of(argo).normalize().toString()).isEqualTo(folder);
        assertThat(Path.of(flux).normalize().toString()).isEqualTo(folder);
    }

    private static void assertThatHoldsEcsApps(String pathInRepository) throws IOException {
        Path folder = RepositoryFiles.root().resolve(pathInRepository).normalize();
        assertThat(folder).as(pathInRepository).isDirectory();
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.filter(file -> file.toString().endsWith(".yaml")).toList()).isNotEmpty()
                    .allSatisfy(file -> assertThat(YAML.readTree(file.toFile()).path("kind").asText())
                            .as(file.toString()).isEqualTo("EcsApp"));
        }
    }
}
