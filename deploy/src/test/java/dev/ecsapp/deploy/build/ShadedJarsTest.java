package dev.ecsapp.deploy.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.deploy.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A shaded jar (the README's demo.jar, the service's service.jar) must not be written over the module's own jar: the
 * shade plugin reads that jar as its input, and when the jar plugin finds it up to date, the previous shaded jar is
 * read back with its old copies of every dependency's classes, which win over the new ones. A second
 * {@code ./mvnw package} after a change in the sandbox then ran the old sandbox (found in this repository: the demo
 * module had {@code <finalName>demo</finalName>} and shaded to demo.jar).
 */
class ShadedJarsTest {

    private static final Pattern OUTPUT_FILE = Pattern.compile(
            "<outputFile>\\$\\{project\\.build\\.directory}/([^<]+)</outputFile>");
    private static final Pattern FINAL_NAME = Pattern.compile("<finalName>([^<]+)</finalName>");

    @Test
    void noModuleShadesOverItsOwnJar() throws IOException {
        List<String> shaded = new ArrayList<>();
        try (Stream<Path> poms = Files.list(RepositoryFiles.root()).map(dir -> dir.resolve("pom.xml"))) {
            for (Path pom : poms.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(pom);
                Matcher output = OUTPUT_FILE.matcher(text);
                while (output.find()) {
                    shaded.add(output.group(1));
                    Matcher finalName = FINAL_NAME.matcher(text);
                    if (finalName.find()) {
                        assertThat(finalName.group(1) + ".jar").as(pom.toString()).isNotEqualTo(output.group(1));
                    }
                }
            }
        }
        assertThat(shaded).as("the shaded jars this test guards").contains("demo.jar", "service.jar");
    }
}
