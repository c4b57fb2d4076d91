package dev.ecsapp.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The README's run command, end to end: sandbox, operator, the repository's examples, until every one is Ready. */
class MainJobTest {

    private static final Path EXAMPLES = Path.of(System.getProperty("user.dir")).resolveSibling("deploy")
            .resolve("examples");

    @Test
    void everyExampleBecomesReadyAndTheJobExitsZero() throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        int exit = MainJob.run(new MainJobConfig(true, Duration.ofMinutes(3), 0, 40, EXAMPLES),
                new PrintStream(output, true, StandardCharsets.UTF_8));

        String text = output.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(text).isZero();
        assertThat(text).contains("applied:  ").contains("every example is Ready")
                .contains("service/sandbox/default_hello").contains("service/sandbox/default_shop")
                .contains("http://shop.example.com/").contains("elb.amazonaws.com/hello/");
    }

    /*
     * What a user types next, from the job's own output: get with every column, wait, describe with Events, explain,
     * apply of the examples without flags and with --server-side. kubectl comes with the machine image.
     */
    @Test
    void theKubectlCommandsItPrintsWorkAgainstItWhileItRuns() throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        Thread job = new Thread(() -> {
            try {
                MainJob.run(new MainJobConfig(false, Duration.ofMinutes(3), 0, 40, EXAMPLES), out);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // stopped, as Ctrl-C stops it
            } catch (Exception e) {
                e.printStackTrace(out);
            }
        }, "main-job");
        job.start();
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (!output.toString(StandardCharsets.UTF_8).contains("running until stopped")) {
                assertThat(job.isAlive() && System.nanoTime() < deadline).as(output.toString(StandardCharsets.UTF_8))
                        .isTrue();
                Thread.sleep(200);
            }
            List<String> printed = output.toString(StandardCharsets.UTF_8).lines()
                    .filter(line -> line.startsWith("  kubectl ")).map(String::strip).toList();
            assertThat(printed).hasSizeGreaterThanOrEqualTo(5);

            assertThat(kubectl(printed, " get ecsapps")).contains("READY", "IMAGE", "RUNNING", "DESIRED", "URL")
                    .contains("http://shop.example.com/").doesNotContain("<none>");
            assertThat(kubectl(printed, " wait ")).contains("ecsapp.ecsapp.dev/hello condition met");
            assertThat(kubectl(printed, " describe ecsapp hello")).contains("Events:", "RolloutCompleted");
            assertThat(kubectl(printed, " explain ecsapp.spec.rollout")).contains("circuitBreaker", "maximumPercent");
            String apply = printed.stream().filter(line -> line.contains(" apply -f ")).findFirst().orElseThrow();
            String applyExamples = apply.substring(0, apply.indexOf('#')).strip().replace("deploy/examples/",
                    EXAMPLES.toString());
            assertThat(run(applyExamples)).contains("ecsapp.ecsapp.dev/hello");
            assertThat(run(applyExamples.replace(" apply ", " apply --server-side "))).contains("serverside-applied");
        } finally {
            job.interrupt();
            job.join(Duration.ofSeconds(30).toMillis());
        }
    }

    private static String kubectl(List<String> printed, String command) throws Exception {
        return run(printed.stream().filter(line -> line.contains(command)).findFirst().orElseThrow());
    }

    /** Runs one command line (no quoting needed in these) and returns what it printed; it must exit 0. */
    private static String run(String commandLine) throws Exception {
        Process process = new ProcessBuilder(commandLine.split(" +")).redirectErrorStream(true).start();
        boolean done = process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            process.destroyForcibly();
        }
        assertThat(done && process.exitValue() == 0).as(commandLine + "\n" + text).isTrue();
        return text;
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
