package dev.ecsapp.deploy.rbac;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The parent's side of {@link RecordingOperatorMain}: starts it with a pod's environment, stops it, reads its record. */
final class OperatorProcess implements AutoCloseable {

    /** What the operator did: its Kubernetes requests, and whether the two stand-in answers were given. */
    record Record(List<ApiRequest> requests, boolean conflictSent, int rulesReviewsAnswered) {
    }

    private final Process process;
    private final Path record;
    private final Path log;

    private OperatorProcess(Process process, Path record, Path log) {
        this.process = process;
        this.record = record;
        this.log = log;
    }

    /**
     * @param environment the whole environment of the process, as a container gets only what its spec sets
     */
    static OperatorProcess start(Path kubeconfig, String namespace, String manifests, Map<String, String> environment,
            Path dir) throws IOException {
        Path manifestsFile = Files.writeString(dir.resolve("manifests.yaml"), manifests);
        Path record = dir.resolve("record.txt");
        Path log = dir.resolve("operator.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RecordingOperatorMain.class.getName(),
                kubeconfig.toString(), namespace, manifestsFile.toString(), record.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        return new OperatorProcess(builder.start(), record, log);
    }

    void awaitStarted(Duration patience) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (!Files.exists(record)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the operator did not start" + logTail());
            }
            Thread.sleep(50);
        }
    }

    Record stop(Duration patience) throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the operator did not stop" + logTail());
        }
        List<String> lines = Files.readAllLines(record);
        List<ApiRequest> requests = new ArrayList<>();
        boolean conflictSent = false;
        boolean complete = false;
        int rulesReviews = 0;
        for (String line : lines) {
            String[] words = line.split(" ");
            switch (words[0]) {
                case RecordingOperatorMain.REQUEST -> requests.add(ApiRequest.of(words[1], URI.create(words[2])));
                case RecordingOperatorMain.CONFLICT_SENT -> {
                    conflictSent = Boolean.parseBoolean(words[1]);
                    complete = true;
                }
                case RecordingOperatorMain.RULES_REVIEWS -> rulesReviews = Integer.parseInt(words[1]);
                default -> {
                    // the start mark
                }
            }
        }
        if (!complete) {
            throw new IllegalStateException("the operator stopped before writing its record" + logTail());
        }
        return new Record(requests, conflictSent, rulesReviews);
    }

    private String logTail() {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return "; its last output:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40),
                    lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
