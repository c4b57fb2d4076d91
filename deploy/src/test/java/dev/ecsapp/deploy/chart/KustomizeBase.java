package dev.ecsapp.deploy.chart;

import dev.ecsapp.deploy.RepositoryFiles;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** deploy/kustomize/base: the chart rendered with its default values, as plain manifests for kubectl. */
final class KustomizeBase {

    private static final Pattern SOURCE = Pattern.compile("^# Source: [^/]+/templates/(\\S+)$", Pattern.MULTILINE);
    private static final String HEADER = """
            # Generated from the Helm chart deploy/helm/ecsapp-operator with its default values; KustomizeBaseTest fails
            # when they differ. To regenerate, run that test with -Decsapp.writeKustomizeBase=true.
            """;

    private KustomizeBase() {
    }

    static Path dir() {
        return RepositoryFiles.deploy().resolve("kustomize").resolve("base");
    }

    /** What {@code kubectl kustomize} builds from the base. */
    static List<HasMetadata> build() throws IOException, InterruptedException {
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", dir().toString()).start();
        byte[] out = kubectl.getInputStream().readAllBytes();
        String err = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
            throw new IllegalStateException("kubectl kustomize " + dir() + " failed: " + err);
        }
        return Manifests.parse(new String(out, StandardCharsets.UTF_8));
    }

    /** Rewrites the base from the chart: one file per template, the CRD, and the kustomization listing them. */
    static void writeFromChart() throws IOException {
        Map<String, StringBuilder> files = new LinkedHashMap<>();
        for (String document : OperatorChart.renderText(command -> command).split("(?m)^---$")) {
            Matcher source = SOURCE.matcher(document);
            if (!source.find()) {
                continue;
            }
            String body = SOURCE.matcher(document).replaceAll("").strip();
            files.computeIfAbsent(source.group(1), name -> new StringBuilder(HEADER)).append("---\n").append(body)
                    .append('\n');
        }
        try (Stream<Path> old = Files.list(dir())) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        List<String> resources = new ArrayList<>();
        for (Path crd : OperatorChart.crdFiles()) {
            Files.copy(crd, dir().resolve(crd.getFileName()));
            resources.add(crd.getFileName().toString());
        }
        for (Map.Entry<String, StringBuilder> file : files.entrySet()) {
            Files.writeString(dir().resolve(file.getKey()), file.getValue());
            resources.add(file.getKey());
        }
        StringBuilder kustomization = new StringBuilder(HEADER).append("""
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                """);
        resources.forEach(resource -> kustomization.append("  - ").append(resource).append('\n'));
        Files.writeString(dir().resolve("kustomization.yaml"), kustomization);
    }

    static void createDir() {
        try {
            Files.createDirectories(dir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
