package dev.ecsapp.deploy.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsapp.deploy.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The release workflow: versions, images, scan, deploy, GitHub release, and how they hang together. */
class ReleaseWorkflowTest {

    private static final String VERSION = "${{ needs.version.outputs.version }}";

    private final JsonNode release = Workflows.read(Workflows.RELEASE);

    @Test
    void itRunsOnPushesToMainAndOnReleaseTags() {
        JsonNode push = release.path("on").path("push");

        assertThat(texts(push.path("branches"))).containsExactly("main");
        assertThat(texts(push.path("tags"))).containsExactly("v*.*.*");
        assertThat(release.path("on").has("pull_request")).as("a pull request never pushes images").isFalse();
    }

    @Test
    void theTagFilterTakesSemanticVersionTagsOnly() {
        // GitHub's filter glob: * is any run of characters but '/'.
        Pattern filter = Pattern.compile(texts(release.path("on").path("push").path("tags")).get(0)
                .replace(".", "\\.").replace("*", "[^/]*"));

        assertThat(filter.matcher("v1.2.3").matches()).isTrue();
        assertThat(filter.matcher("v1.2.3-rc.1").matches()).isTrue();
        assertThat(filter.matcher("v1.2").matches()).isFalse();
        assertThat(filter.matcher("1.2.3").matches()).isFalse();
    }

    @Test
    void theVersionComesFromTheVersionScriptGivenTheRef() {
        JsonNode job = Workflows.job(Workflows.RELEASE, "version");
        JsonNode step = Workflows.steps(job).stream()
                .filter(s -> s.path("run").asText("").contains(".github/scripts/version.sh")).findFirst()
                .orElseThrow(() -> new AssertionError("the version job does not run .github/scripts/version.sh"));

        assertThat(step.path("run").asText()).contains("\"$GITHUB_REF\"");
        assertThat(job.path("outputs").path("version").asText())
                .isEqualTo("${{ steps." + step.path("id").asText() + ".outputs.version }}");
        assertThat(Files.isExecutable(RepositoryFiles.root().resolve(".github/scripts/version.sh"))).isTrue();
    }

    @Test
    void noImageIsBuiltBeforeTheTestsPass() {
        assertThat(texts(Workflows.job(Workflows.RELEASE, "images").path("needs"))).contains("test", "version");
        assertThat(Workflows.job(Workflows.RELEASE, "test").path("uses").asText())
                .isEqualTo("./.github/workflows/ci.yml");
    }

    @Test
    void theServiceAndOperatorImagesAreBuiltFromTheirDockerfiles() {
        List<String> dockerfiles = new ArrayList<>();
        Workflows.job(Workflows.RELEASE, "images").path("strategy").path("matrix").path("include")
                .forEach(image -> dockerfiles.add(image.path("dockerfile").asText()));

        assertThat(dockerfiles).containsExactlyInAnyOrder("service/Dockerfile", "operator/Dockerfile");
        dockerfiles.forEach(file -> assertThat(RepositoryFiles.root().resolve(file)).isRegularFile());
    }

    @Test
    void theImageBuildPassesTheComputedVersionAndCommit() {
        JsonNode build = buildStep();
        List<String> buildArgs = build.path("with").path("build-args").asText().lines().map(String::strip).toList();

        assertThat(buildArgs).contains("VERSION=" + VERSION, "REVISION=${{ github.sha }}");
        // The tag is made from the job's VERSION, which must be the computed version too.
        JsonNode images = Workflows.job(Workflows.RELEASE, "images");
        assertThat(images.path("env").path("VERSION").asText()).isEqualTo(VERSION);
        assertThat(build.path("with").path("tags").asText()).isEqualTo("${{ steps.image.outputs.ref }}");
        assertThat(Workflows.steps(images).stream().filter(s -> "image".equals(s.path("id").asText())).findFirst()
                .orElseThrow().path("run").asText()).contains("ref=$REGISTRY/$REPOSITORY:$VERSION");
    }

    @Test
    void bothDockerfilesHandTheVersionToMaven() throws IOException {
        for (String file : List.of("service/Dockerfile", "operator/Dockerfile")) {
            String dockerfile = Files.readString(RepositoryFiles.root().resolve(file));
            assertThat(dockerfile).as(file).contains("ARG VERSION", "ARG REVISION", "-Dapp.version=\"${VERSION}\"",
                    "org.opencontainers.image.version=\"${VERSION}\"");
        }
    }

    @Test
    void imagesArePushedWithBuildxAndTheActionsCache() {
        JsonNode with = buildStep().path("with");

        assertThat(with.path("push").asBoolean()).isTrue();
        assertThat(with.path("cache-from").asText()).startsWith("type=gha");
        assertThat(with.path("cache-to").asText()).startsWith("type=gha");
        assertThat(Workflows.stepsUsing(Workflows.job(Workflows.RELEASE, "images"), "docker/setup-buildx-action"))
                .hasSize(1);
    }

    @Test
    void everyPushedImageIsScannedBeforeTheJobSucceeds() {
        List<JsonNode> steps = Workflows.steps(Workflows.job(Workflows.RELEASE, "images"));
        int build = steps.indexOf(buildStep());
        int scan = indexOfRun(steps, ".github/scripts/ecr-scan-gate.sh");

        assertThat(scan).as("a step runs ecr-scan-gate.sh").isNotNegative();
        assertThat(scan).as("the scan comes after the push").isGreaterThan(build);
        assertThat(steps.get(scan).has("continue-on-error")).as("a failed scan fails the job").isFalse();
    }

    @Test
    void theDeployIsProtectedByAnEnvironmentAndComesAfterTheImages() {
        JsonNode deploy = Workflows.job(Workflows.RELEASE, "deploy");

        assertThat(deploy.path("environment").path("name").asText()).isNotBlank();
        assertThat(texts(deploy.path("needs"))).contains("images");
        assertThat(deploy.path("env").path("IMAGE").asText()).isEqualTo("${{ needs.images.outputs.service-image }}");
        assertThat(Workflows.job(Workflows.RELEASE, "images").path("outputs").path("service-image").asText())
                .isNotBlank();
    }

    @Test
    void theDeployWaitsUntilTheReferenceAppIsReady() {
        String scripts = Workflows.scripts(Workflows.job(Workflows.RELEASE, "deploy"));

        assertThat(scripts.lines().map(String::strip)
                .filter(line -> line.contains("kubectl") && line.contains(" wait ")
                        && line.contains("--for=condition=Ready") && line.contains("ecsapp/")
                        && line.contains("--timeout="))
                .toList()).hasSize(1);
    }

    @Test
    void theDeployRewritesTheImageOfTheGitOpsManifest() {
        JsonNode deploy = Workflows.job(Workflows.RELEASE, "deploy");
        Path manifest = RepositoryFiles.root().resolve(deploy.path("env").path("MANIFEST").asText());

        assertThat(manifest).isRegularFile();
        assertThat(Workflows.scripts(deploy)).contains("yq -i '.spec.image = strenv(IMAGE)' \"$MANIFEST\"");
    }

    @Test
    void aReleaseTagGetsAGithubReleaseWithTheCrdAndTheChart() {
        JsonNode job = Workflows.job(Workflows.RELEASE, "github-release");
        String scripts = Workflows.scripts(job);

        assertThat(job.path("if").asText()).isEqualTo("needs.version.outputs.release == 'true'");
        assertThat(scripts).contains("cp crds/ecsapps.ecsapp.dev-v1.yml dist/",
                "helm package deploy/helm/ecsapp-operator", "gh release create");
        assertThat(RepositoryFiles.root().resolve("crds/ecsapps.ecsapp.dev-v1.yml")).isRegularFile();
        assertThat(Workflows.permission(job, "contents")).isEqualTo("write");
    }

    private JsonNode buildStep() {
        List<JsonNode> builds = Workflows.stepsUsing(Workflows.job(Workflows.RELEASE, "images"),
                "docker/build-push-action");
        assertThat(builds).hasSize(1);
        return builds.get(0);
    }

    private static int indexOfRun(List<JsonNode> steps, String text) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).path("run").asText("").contains(text)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(item -> texts.add(item.asText()));
        } else if (!node.isMissingNode()) {
            texts.add(node.asText());
        }
        return texts;
    }
}
