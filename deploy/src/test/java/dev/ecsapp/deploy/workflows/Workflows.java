package dev.ecsapp.deploy.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ecsapp.deploy.RepositoryFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The workflow files under .github/workflows as trees, and the few questions every test asks of them. */
final class Workflows {

    static final String CI = "ci.yml";
    static final String RELEASE = "release.yml";

    // Jackson reads YAML keys as plain strings, so the trigger key `on` stays "on" (YAML 1.1 would make it true).
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Workflows() {
    }

    static Path directory() {
        return RepositoryFiles.root().resolve(".github").resolve("workflows");
    }

    static List<String> fileNames() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".yml") || name.endsWith(".yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(String fileName) {
        try {
            return YAML.readTree(directory().resolve(fileName).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, JsonNode> jobs(JsonNode workflow) {
        Map<String, JsonNode> jobs = new LinkedHashMap<>();
        workflow.path("jobs").properties().forEach(job -> jobs.put(job.getKey(), job.getValue()));
        return jobs;
    }

    static JsonNode job(String fileName, String jobId) {
        JsonNode job = read(fileName).path("jobs").path(jobId);
        if (job.isMissingNode()) {
            throw new AssertionError(fileName + " has no job " + jobId + "; it has " + jobs(read(fileName)).keySet());
        }
        return job;
    }

    static List<JsonNode> steps(JsonNode job) {
        List<JsonNode> steps = new ArrayList<>();
        job.path("steps").forEach(steps::add);
        return steps;
    }

    /** True when the step runs the action at any version: "owner/name@ref". */
    static boolean uses(JsonNode step, String action) {
        return step.path("uses").asText("").startsWith(action + "@");
    }

    /** The steps that run the action, in order. */
    static List<JsonNode> stepsUsing(JsonNode job, String action) {
        return steps(job).stream().filter(step -> uses(step, action)).toList();
    }

    /** Every shell script of the job, one after the other. */
    static String scripts(JsonNode job) {
        StringBuilder all = new StringBuilder();
        steps(job).forEach(step -> all.append(step.path("run").asText("")).append('\n'));
        return all.toString();
    }

    /** The job's permission for a scope ("none" when it lists others but not this one, null when it sets none). */
    static String permission(JsonNode job, String scope) {
        JsonNode permissions = job.get("permissions");
        if (permissions == null) {
            return null;
        }
        if (permissions.isTextual()) {
            return permissions.asText();
        }
        return permissions.path(scope).asText("none");
    }
}
