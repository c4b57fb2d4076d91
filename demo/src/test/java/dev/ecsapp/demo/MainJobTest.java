package dev.ecsapp.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The README's run command, end to end: sandbox, operator, the repository's examples, until every one is Ready. */
class MainJobTest {

    static final Path EXAMPLES = Path.of(System.getProperty("user.dir")).resolveSibling("deploy")
            .resolve("examples");

    @Test
    void everyExampleBecomesReadyAndTheJobExitsZero() throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        // Tasks simulated here; WhileTheMainJobRunsTest runs them for real.
        int exit = MainJob.run(new MainJobConfig(true, Duration.ofMinutes(3), 0, 40, EXAMPLES,
                        RolloutUnderTrafficTest.SERVICE_IMAGE, false),
                new PrintStream(output, true, StandardCharsets.UTF_8));

        String text = output.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(text).isZero();
        assertThat(text).contains("applied:  ").contains("every example is Ready")
                .contains("service/sandbox/default_hello").contains("service/sandbox/default_shop")
                .contains("http://shop.example.com/").contains("elb.amazonaws.com/hello/");
    }

    @Test
    void aFolderWithoutManifestsFailsAtOnce(@TempDir Path empty) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        int exit = MainJob.run(new MainJobConfig(true, Duration.ofSeconds(10), 0, 20, empty),
                new PrintStream(output, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(1);
        assertThat(output.toString(StandardCharsets.UTF_8)).startsWith("no EcsApp manifests in ");
    }

    @Test
    void theExamplesAreInTheRepository() {
        assertThat(EXAMPLES.resolve("minimal.yaml")).exists();
        assertThat(EXAMPLES.resolve("full.yaml")).exists();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--bogus|unknown flag '--bogus' (see --help)",
        "--timeout=soon|--timeout: 'soon' is not a duration like 90s or 5m",
        "--speed=0|--speed: '0' is not a number from 1 to 1000",
        "--aws-port=-1|--aws-port: '-1' is not a port from 0 to 65535",
        "--examples=|--examples needs a value, as --examples=VALUE (see --help)",
    })
    void aBadFlagIsRefusedWithOneLine(String flag, String message) {
        assertThatThrownBy(() -> MainJobConfig.parse(new String[] {flag}))
                .isInstanceOf(MainJobConfig.BadFlag.class).hasMessage(message);
    }

    @Test
    void helpIsAskedForByNull() throws Exception {
        assertThat(MainJobConfig.parse(new String[] {"--help"})).isNull();
    }
}
