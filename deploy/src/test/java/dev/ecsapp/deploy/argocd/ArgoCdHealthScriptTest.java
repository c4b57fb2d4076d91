package dev.ecsapp.deploy.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The health check's packaging for Argo CD, its Lua dialect, and the cases no running operator produces on demand. */
class ArgoCdHealthScriptTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void theArgoCdConfigMapEmbedsTheLuaFileUnchangedUnderTheEcsAppsKey() throws IOException {
        JsonNode configMap = YAML.readTree(ArgoCdHealth.CONFIG_MAP.toFile());
        // Argo CD finds a kind's health check by <group>_<kind>; both come from the EcsApp class itself.
        String key = "resource.customizations.health." + HasMetadata.getGroup(EcsApp.class) + "_"
                + HasMetadata.getKind(EcsApp.class);

        assertThat(configMap.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(configMap.path("kind").asText()).isEqualTo("ConfigMap");
        assertThat(configMap.path("metadata").path("name").asText()).isEqualTo("argocd-cm");
        assertThat(configMap.path("data").fieldNames()).toIterable().containsExactly(key);
        assertThat(configMap.path("data").path(key).asText()).isEqualTo(Files.readString(ArgoCdHealth.SCRIPT));
    }

    @Test
    void theScriptUsesOnlyLuaThatArgoCdsLua51AlsoRuns() {
        // luaj runs Lua 5.2 here; gopher-lua in Argo CD is 5.1. Code (comments and strings aside) must avoid what
        // 5.2 and later added.
        String code = ArgoCdHealth.script().replaceAll("--[^\n]*", "").replaceAll("\"[^\"\n]*\"", "\"\"");
        assertThat(code).doesNotContain("goto", "::", "//", "<<", ">>", "&", "table.unpack", "table.pack", "utf8.",
                "load(", "_ENV", "bit32.");
        assertThat(Pattern.compile("~(?!=)").matcher(code).find()).as("a bitwise ~").isFalse();
    }

    @Test
    void readyAlongsideAProgressingRetryIsProgressing() throws IOException {
        // A throttled AWS call keeps Ready=True of the current generation and sets Progressing=True AwsUnavailable:
        // the operator is still at work, so not Healthy yet. Hard to provoke at will on the sandbox, hence by hand.
        JsonNode retrying = YAML.readTree("""
                metadata: {name: shop, namespace: default, generation: 4}
                status:
                  observedGeneration: 4
                  conditions:
                    - {type: Ready, status: "True", reason: Available, message: all 2 tasks run}
                    - {type: Progressing, status: "True", reason: AwsUnavailable, message: Rate exceeded; will retry}
                    - {type: Degraded, status: "False", reason: AsExpected, message: no failure seen}
                """);

        assertThat(ArgoCdHealth.of(retrying)).isEqualTo(new ArgoCdHealth.Health("Progressing",
                "AwsUnavailable: Rate exceeded; will retry"));
    }

    @Test
    void conditionsNoneOfWhichIsTrueAreProgressingWithReadysReason() throws IOException {
        JsonNode waiting = YAML.readTree("""
                metadata: {name: shop, namespace: default, generation: 1}
                status:
                  observedGeneration: 1
                  conditions:
                    - {type: Ready, status: "False", reason: WaitingForHealthyTargets, message: 1 of 2 targets healthy}
                    - {type: Progressing, status: "Unknown"}
                """);

        assertThat(ArgoCdHealth.of(waiting)).isEqualTo(new ArgoCdHealth.Health("Progressing",
                "WaitingForHealthyTargets: 1 of 2 targets healthy"));
    }

    @Test
    void aStatusWithoutObservedGenerationIsProgressing() throws IOException {
        // An operator older than observedGeneration, or a status someone wrote by hand, says nothing about the spec.
        JsonNode unstamped = YAML.readTree("""
                metadata: {name: shop, namespace: default, generation: 2}
                status:
                  conditions:
                    - {type: Ready, status: "True", reason: Available, message: all 2 tasks run}
                """);

        assertThat(ArgoCdHealth.of(unstamped).status()).isEqualTo("Progressing");
    }
}
