package dev.ecsapp.deploy.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsapp.operator.controller.OperatorOnSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The examples applied as Argo CD applies them: client-side {@code kubectl apply} (kubectl 1.32 on the PATH, field
 * manager argocd-controller), which keeps the manifest in the {@code kubectl.kubernetes.io/last-applied-configuration}
 * annotation and re-applies with a three-way merge patch; while the operator runs on the own API server with
 * server-side apply on. Once the apps are Ready, applying again leaves them unchanged, {@code kubectl diff} finds
 * nothing, and nothing drifts.
 */
class ArgoCdShapeOnOwnServerTest {

    static final String MANAGER = "argocd-controller";
    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final OperatorOnSandbox SANDBOX = OperatorOnSandbox.onOwnApiServer();

    private static Path workDir;

    @BeforeAll
    static void pushImage() throws IOException {
        GitOpsShapes.pushTheExamplesImage(SANDBOX);
        workDir = Files.createTempDirectory("argocd-shape");
    }

    @Test
    void examplesAppliedClientSideWithTheLastAppliedAnnotationShowNoDriftOnceReady() throws Exception {
        List<Path> examples = GitOpsShapes.examples();
        for (Path example : examples) {
            Result created = kubectl("apply", "--field-manager=" + MANAGER, "-f", example.toString());
            assertThat(created.out()).as("%s", created).contains(" created");
        }
        GitOpsShapes.awaitReady(SANDBOX, examples);
        for (Path example : examples) {
            String name = GitOpsShapes.name(example);
            JsonNode live = GitOpsShapes.live(SANDBOX, name);
            JsonNode lastApplied = JSON.readTree(live.at("/metadata/annotations").path(LAST_APPLIED).asText());
            // kubectl writes the manifest with an empty annotations map where it had none.
            assertThat(lastApplied.at("/metadata/annotations").size()).as(name).isZero();
            ((com.fasterxml.jackson.databind.node.ObjectNode) lastApplied.get("metadata")).remove("annotations");
            assertThat(lastApplied).as("%s: the last-applied annotation is the manifest", name)
                    .isEqualTo(GitOpsShapes.manifest(example));
        }
        GitOpsShapes.assertNoDrift(SANDBOX, examples, MANAGER);

        Map<String, Long> generations = new HashMap<>();
        for (Path example : examples) {
            String name = GitOpsShapes.name(example);
            generations.put(name, GitOpsShapes.live(SANDBOX, name).at("/metadata/generation").asLong());
            Result again = kubectl("apply", "--field-manager=" + MANAGER, "-f", example.toString());
            assertThat(again.out()).as("%s", again).contains("ecsapp.ecsapp.dev/" + name + " unchanged");
            // Argo CD's server-side diff is a dry run of the same apply: kubectl diff, exit 0 when nothing differs.
            Result diff = kubectl("diff", "--field-manager=" + MANAGER, "-f", example.toString());
            assertThat(diff.exitCode()).as("%s", diff).isZero();
        }
        GitOpsShapes.staySteadyThroughAFullResync(SANDBOX, examples, generations);
        for (Path example : examples) {
            Result diff = kubectl("diff", "--field-manager=" + MANAGER, "-f", example.toString());
            assertThat(diff.exitCode()).as("%s", diff).isZero();
        }
        GitOpsShapes.assertNoDrift(SANDBOX, examples, MANAGER);
    }

    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private static Result kubectl(String... arguments) {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig=" + SANDBOX.kubeconfig(),
                "--cache-dir=" + workDir.resolve("kube-cache"), "--request-timeout=10s"));
        command.addAll(List.of(arguments));
        try {
            Path out = Files.createTempFile(workDir, "kubectl", ".out");
            Path err = Files.createTempFile(workDir, "kubectl", ".err");
            Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl " + String.join(" ", arguments) + " did not end in 30 s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
