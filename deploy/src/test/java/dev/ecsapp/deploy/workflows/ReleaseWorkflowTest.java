package dev.ecsapp.deploy.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsapp.deploy.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    void theOperatorImageIsBuiltFromItsDockerfileAndTheServicesWithJibByTheShipScript() {
        Map<String, JsonNode> images = new LinkedHashMap<>();
        Workflows.job(Workflows.RELEASE, "images").path("strategy").path("matrix").path("include")
                .forEach(image -> images.put(image.path("name").asText(), image));

        assertThat(images).containsOnlyKeys("service", "operator");
        assertThat(images.get("operator").path("builder").asText()).isEqualTo("docker");
        assertThat(images.get("operator").path("dockerfile").asText()).isEqualTo("operator/Dockerfile");
        assertThat(RepositoryFiles.root().resolve("operator/Dockerfile")).isRegularFile();
        assertThat(images.get("service").path("builder").asText()).isEqualTo("jib");

        // The same script, and the same build definition, as the sandbox's end-to-end test of the pipeline.
        JsonNode ship = jibStep();
        assertThat(ship.path("run").asText())
                .contains(".github/scripts/ship-service.sh push \"$VERSION\" --repository \"$REPOSITORY\" "
                        + "--revision \"$GITHUB_SHA\"")
                .contains("test \"$pushed\" = \"$REF\"");
        assertThat(ship.path("env").path("REF").asText()).isEqualTo("${{ steps.image.outputs.ref }}");
        assertThat(Files.isExecutable(RepositoryFiles.root().resolve(".github/scripts/ship-service.sh"))).isTrue();
        assertThat(Workflows.stepsUsing(Workflows.job(Workflows.RELEASE, "images"), "actions/setup-java"))
                .singleElement().satisfies(java -> assertThat(java.path("if").asText())
                        .isEqualTo("matrix.builder == 'jib'"));
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
                .singleElement().satisfies(buildx -> assertThat(buildx.path("if").asText())
                        .isEqualTo("matrix.builder == 'docker'"));
        assertThat(buildStep().path("if").asText()).isEqualTo("matrix.builder == 'docker'");
    }

    @Test
    void everyPushedImageIsScannedBeforeTheJobSucceeds() {
        List<JsonNode> steps = Workflows.steps(Workflows.job(Workflows.RELEASE, "images"));
        int build = steps.indexOf(buildStep());
        int jib = steps.indexOf(jibStep());
        int scan = indexOfRun(steps, ".github/scripts/ecr-scan-gate.sh");

        assertThat(scan).as("a step runs ecr-scan-gate.sh").isNotNegative();
        assertThat(scan).as("the scan comes after both pushes").isGreaterThan(build).isGreaterThan(jib);
        assertThat(steps.get(scan).has("if")).as("both images are scanned").isFalse();
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
    void theDeployWaitsUntilTheReferenceAppIsReadyAndAnswersWithTheNewVersion() {
        List<String> lines = Workflows.scripts(Workflows.job(Workflows.RELEASE, "deploy")).lines().map(String::strip)
                .toList();

        assertThat(lines).containsSubsequence(
                ".github/scripts/ship-service.sh wait \"$IMAGE\" --app \"$app\" --timeout 15m",
                ".github/scripts/ship-service.sh check \"$VERSION\" --app \"$app\"");
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

    private JsonNode jibStep() {
        List<JsonNode> ships = Workflows.steps(Workflows.job(Workflows.RELEASE, "images")).stream()
                .filter(step -> step.path("run").asText("").contains(".github/scripts/ship-service.sh push")).toList();
        assertThat(ships).hasSize(1);
        assertThat(ships.get(0).path("if").asText()).isEqualTo("matrix.builder == 'jib'");
        return ships.get(0);
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
