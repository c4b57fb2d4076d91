package dev.ecsapp.deploy.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.deploy.RepositoryFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * operator/Dockerfile, which cannot be built here (no Docker engine): its trimmed JRE has every module the operator
 * uses, and its run stage is the non-root, shell-less one the chart expects.
 */
class OperatorImageTest {

    private static final Path DOCKERFILE = RepositoryFiles.root().resolve("operator/Dockerfile");
    private static final Pattern ADD_MODULES = Pattern.compile("--add-modules\\s+(\\S+)");

    @Test
    void theTrimmedJreHasEveryModuleJdepsFindsInTheOperatorAndItsLibraries() throws IOException {
        Path target = RepositoryFiles.root().resolve("operator/target");
        Path classPath = target.resolve("runtime-classpath.txt");
        if (!Files.isRegularFile(classPath) || !Files.isDirectory(target.resolve("classes"))) {
            throw new AssertionError("the operator is not built: ./mvnw -pl deploy -am verify builds it first");
        }
        // The classes and each library one by one: given the shaded jar, jdeps 17 reports java.base alone.
        List<String> args = new ArrayList<>(List.of("--print-module-deps", "--ignore-missing-deps", "--multi-release",
                "17", target.resolve("classes").toString()));
        args.addAll(Arrays.asList(Files.readString(classPath).strip().split(":")));

        List<String> needed = Arrays.asList(jdeps(args).split(","));

        assertThat(needed).as("jdeps' answer").contains("java.base");
        assertThat(jlinkModules()).containsAll(needed);
    }

    @Test
    void theTrimmedJreHasTheModulesOnlyReachedAtRunTime() throws IOException {
        // Micrometer's JVM metrics (the operator dies at start without it) and TLS's EC key exchange.
        assertThat(jlinkModules()).contains("java.management", "jdk.crypto.ec");
    }

    @Test
    void theOperatorRunsAsANumericNonRootUserWithoutAShell() throws IOException {
        String runStage = runStage();

        Matcher user = Pattern.compile("(?m)^USER\\s+(\\d+)(:\\d+)?\\s*$").matcher(runStage);
        assertThat(user.find()).as("a numeric USER in the run stage").isTrue();
        assertThat(Integer.parseInt(user.group(1))).isNotZero();
        assertThat(runStage).contains("ENTRYPOINT [\"/opt/jre/bin/java\", \"-jar\", \"/app/operator.jar\"]")
                .doesNotContain("/bin/sh").doesNotContainPattern("(?m)^RUN ");
    }

    @Test
    void theHeapFollowsTheContainersMemoryLimit() throws IOException {
        assertThat(runStage()).containsPattern("JDK_JAVA_OPTIONS=\"[^\"]*-XX:MaxRAMPercentage=");
    }

    private static List<String> jlinkModules() throws IOException {
        Matcher modules = ADD_MODULES.matcher(Files.readString(DOCKERFILE));
        assertThat(modules.find()).as("operator/Dockerfile runs jlink --add-modules").isTrue();
        return Arrays.asList(modules.group(1).split(","));
    }

    /** From the last FROM on: what the image that ships is made of. */
    private static String runStage() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE);
        Matcher from = Pattern.compile("(?m)^FROM ").matcher(dockerfile);
        int last = -1;
        while (from.find()) {
            last = from.start();
        }
        assertThat(last).as("a FROM line").isNotNegative();
        return dockerfile.substring(last);
    }

    private static String jdeps(List<String> args) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new AssertionError("no jdeps in this JDK"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = jdeps.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
        String answer = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(exit).as("jdeps: " + err.toString(StandardCharsets.UTF_8)).isZero();
        return answer;
    }
}
