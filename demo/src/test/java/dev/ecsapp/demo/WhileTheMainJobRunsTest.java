package dev.ecsapp.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What a user types next, from the README's run command's own output, while it runs with the examples' tasks running
 * for real: the curl of each app, the kubectl commands, a bump of hello's image with kubectl under traffic, and the
 * release script that ships a new version. One run of the job for all of them, as a user has one; the last two
 * change hello's image, so they go last, in that order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WhileTheMainJobRunsTest {

    private static final Path REPOSITORY_ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final ByteArrayOutputStream OUTPUT = new ByteArrayOutputStream();
    private static Thread job;
    private static String printed;

    @BeforeAll
    static void startTheMainJob() throws Exception {
        assumeThat(RolloutUnderTrafficTest.SERVICE_IMAGE)
                .as("the service module's image tar (built by its package phase)").exists();
        PrintStream out = new PrintStream(OUTPUT, true, StandardCharsets.UTF_8);
        job = new Thread(() -> {
            try {
                MainJob.run(new MainJobConfig(false, Duration.ofMinutes(4), 0, 40, MainJobTest.EXAMPLES,
                        RolloutUnderTrafficTest.SERVICE_IMAGE, true), out);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // stopped, as Ctrl-C stops it
            } catch (Exception e) {
                e.printStackTrace(out);
            }
        }, "main-job");
        job.start();
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (!output().contains("running until stopped")) {
            assertThat(job.isAlive() && System.nanoTime() < deadline).as(output()).isTrue();
            Thread.sleep(200);
        }
        printed = output();
        assertThat(printed).as("tasks run for real").contains("tasks:    run as local processes", "image:    pushed ");
    }

    @AfterAll
    static void stopIt() throws InterruptedException {
        if (job != null) {
            job.interrupt();
            job.join(Duration.ofSeconds(30).toMillis());
        }
    }

    /** Each printed curl reaches its app through the local ALB; the reference service answers with its app's name. */
    @Test
    @Order(1)
    void eachExampleAnswersThroughTheAlbWithItsOwnNameAndVersion() {
        Map<String, String> curls = new LinkedHashMap<>();
        String app = null;
        for (String line : printed.lines().toList()) {
            if (line.matches("  [a-z0-9-]+/[a-z0-9-]+  http.*")) {
                app = line.strip().split(" +")[0].split("/")[1];
            } else if (line.startsWith("    on this machine  curl ") && app != null) {
                curls.put(app, line.substring(line.indexOf("curl ")));
            }
        }
        assertThat(curls).containsOnlyKeys("hello", "shop", "api", "orders");
        curls.forEach((name, curl) -> {
            // The printed URL is the app's root (its BASE_PATH for the path-routed ones): the greeting names it.
            JsonNode version = json(shell(curl + " -sS --fail"));
            assertThat(version.path("service").asText()).as(curl).isEqualTo(name);
            // The job tags the image it pushes 0.1.0, the examples' version, and sets APP_VERSION to match.
            assertThat(version.path("version").asText()).as(curl).isEqualTo("0.1.0");
        });
    }

    /* get with every column, wait, describe with Events, explain, apply without flags and with --server-side. */
    @Test
    @Order(2)
    void theKubectlCommandsItPrintsWork() {
        List<String> kubectl = printed.lines().filter(line -> line.startsWith("  kubectl ")).map(String::strip)
                .toList();
        assertThat(kubectl).hasSizeGreaterThanOrEqualTo(5);

        assertThat(shell(line(kubectl, " get ecsapps"))).contains("READY", "IMAGE", "RUNNING", "DESIRED", "URL")
                .contains("http://shop.example.com/").doesNotContain("<none>");
        assertThat(shell(line(kubectl, " wait "))).contains("ecsapp.ecsapp.dev/hello condition met");
        assertThat(shell(line(kubectl, " describe ecsapp hello"))).contains("Events:", "RolloutCompleted");
        assertThat(shell(line(kubectl, " explain ecsapp.spec.rollout"))).contains("circuitBreaker", "maximumPercent");
        String apply = line(kubectl, " apply -f ");
        String applyExamples = apply.substring(0, apply.indexOf('#')).strip().replace(" deploy/examples/",
                " " + REPOSITORY_ROOT.resolve("deploy/examples") + "/");
        assertThat(shell(applyExamples)).contains("ecsapp.ecsapp.dev/hello");
        assertThat(shell(applyExamples.replace(" apply ", " apply --server-side "))).contains("serverside-applied");
    }

    /*
     * The README's promise in a user's hands: the job prints a kubectl patch to a second version already in the
     * registry; while requests flow through the ALB (the printed curl loop's URL, 50 a second), the patch rolls hello
     * over; once Ready for the new spec, the new version answers every request, and no request failed.
     */
    @Test
    @Order(3)
    void bumpingTheImageWithTheKubectlPatchItPrintsLosesNoRequest() throws Exception {
        List<String> lines = printed.lines().toList();
        int at = lines.indexOf(lines.stream().filter(line -> line.startsWith("bump hello to 0.2.0")).findFirst()
                .orElseThrow());
        String loop = lines.get(at + 1).strip();
        String patch = lines.get(at + 2).strip();
        assertThat(patch).startsWith("kubectl ").contains(" patch ecsapp hello ", "reference-service:0.2.0");
        URI url = URI.create(loop.substring(loop.indexOf("http://"), loop.indexOf("/hello/version") + 14));
        String kubectl = patch.substring(0, patch.indexOf(" patch "));

        try (Traffic traffic = Traffic.start(url, Map.of(), 50)) {
            traffic.awaitServed("0.1.0", 50); // a second of answers from the old version first
            assertThat(shell(patch)).contains("ecsapp.ecsapp.dev/hello patched");
            String image = patch.replaceFirst(".*\"image\":\"([^\"]+)\".*", "$1");
            shell(kubectl + " wait ecsapp/hello --for=jsonpath='{.spec.image}'=" + image + " --timeout=1m");
            assertThat(shell(kubectl + " wait ecsapp/hello --for=condition=Ready --timeout=4m"))
                    .contains("condition met");
            long servedBefore = traffic.served("0.2.0");
            traffic.awaitServedOnlySince("0.2.0");
            traffic.close();
            System.out.println("kubectl bump of hello under 50 req/s: " + traffic.summary());
            assertThat(traffic.failures()).as(traffic.summary()).isEmpty();
            assertThat(traffic.served("0.1.0")).as(traffic.summary()).isPositive();
            assertThat(traffic.served("0.2.0")).as(traffic.summary()).isGreaterThan(servedBefore);
        }
        JsonNode version = json(shell("curl -sS --fail " + url));
        assertThat(version.path("version").asText()).isEqualTo("0.2.0");
    }

    /*
     * The pipeline end to end, with the release workflow's own script as the job prints it: Jib builds the service
     * at a new version and pushes it to the sandbox's registry, the EcsApp moves to it, the script waits for Ready
     * (the new tasks healthy behind the ALB) and checks that /version answers the new version through the ALB.
     */
    @Test
    @Order(4)
    void theReleaseScriptItPrintsShipsANewVersionThroughTheAlb() {
        List<String> lines = printed.lines().toList();
        int at = lines.indexOf(lines.stream().filter(line -> line.startsWith("ship a version built from this"))
                .findFirst().orElseThrow());
        String command = (lines.get(at + 1).strip().replaceFirst("\\\\$", "") + lines.get(at + 2)).strip();
        assertThat(command).contains(".github/scripts/ship-service.sh all 0.3.0 --app default/hello");

        // Jib refuses to push from an offline Maven, so no -o; the build has fetched every plugin already.
        String shipped = shell(command.replace(" .github/scripts/", " " + REPOSITORY_ROOT.resolve(".github/scripts")
                + "/"));

        String image = shipped.strip().lines().reduce((first, second) -> second).orElseThrow();
        assertThat(image).isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com/reference-service:0.3.0");
        assertThat(shipped).contains("/hello/version answers version 0.3.0");
        String curl = printed.lines()
                .filter(line -> line.contains("on this machine  curl ") && line.contains("/hello/"))
                .findFirst().orElseThrow();
        JsonNode version = json(shell(curl.substring(curl.indexOf("curl ")) + " -sS --fail"));
        assertThat(version.path("version").asText()).isEqualTo("0.3.0");
        assertThat(version.path("service").asText()).isEqualTo("hello");
        // Built from this checkout: /version reports its commit.
        JsonNode build = json(shell(curl.substring(curl.indexOf("curl ")) + "version -sS --fail"));
        assertThat(build.path("commit").asText())
                .isEqualTo(shell("git -C " + REPOSITORY_ROOT + " rev-parse HEAD").strip());
    }

    private static String output() {
        return OUTPUT.toString(StandardCharsets.UTF_8);
    }

    private static String line(List<String> lines, String containing) {
        return lines.stream().filter(line -> line.contains(containing)).findFirst().orElseThrow();
    }

    /**
     * Runs a line as a user pastes it into a shell where the job runs (the module's folder here, so paths into the
     * repository are made absolute by the callers); it must exit 0 within 5 minutes.
     */
    private static String shell(String commandLine) {
        try {
            Path log = Files.createTempFile("command", ".log");
            Process process = new ProcessBuilder("bash", "-c", commandLine)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean done = process.waitFor(5, TimeUnit.MINUTES);
            if (!done) {
                process.destroyForcibly().waitFor();
            }
            String output = Files.readString(log);
            Files.delete(log);
            assertThat(done && process.exitValue() == 0).as(commandLine + "\n" + output).isTrue();
            return output;
        } catch (IOException e) {
            throw new AssertionError(commandLine, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(commandLine, e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
