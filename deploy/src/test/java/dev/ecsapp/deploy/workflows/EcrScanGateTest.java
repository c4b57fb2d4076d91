package dev.ecsapp.deploy.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.deploy.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * .github/scripts/ecr-scan-gate.sh against a stand-in AWS CLI that plays back the answers ECR gives while a scan runs
 * (the sandbox has no image scanning).
 */
class EcrScanGateTest {

    // Logs each call; answers describe-image-scan-findings with the next canned answer (the last one repeats). An
    // answer file's first line is the exit code, the rest goes to stdout (exit 0) or stderr, as the CLI does.
    private static final String STUB = """
            #!/usr/bin/env bash
            dir=$(dirname "$0")
            echo "$*" >> "$dir/calls"
            case "$2" in
              describe-image-scan-findings)
                n=$(cat "$dir/next" 2>/dev/null || echo 1)
                [ -f "$dir/answer-$n" ] || n=$((n - 1))
                echo $((n + 1)) > "$dir/next"
                code=$(head -n 1 "$dir/answer-$n")
                if [ "$code" = 0 ]; then tail -n +2 "$dir/answer-$n"; else tail -n +2 "$dir/answer-$n" >&2; fi
                exit "$code"
                ;;
              start-image-scan) echo '{}' ;;
              *) echo "unexpected call: $*" >&2; exit 99 ;;
            esac
            """;
    private static final String NOT_FOUND = "254\nAn error occurred (ScanNotFoundException) when calling the "
            + "DescribeImageScanFindings operation: Image scan does not exist for the image";

    @TempDir
    Path stubDir;

    @Test
    void aCompleteScanWithoutBlockingFindingsPasses() throws IOException {
        Processes.Result result = gate(List.of(status("IN_PROGRESS", ""), status("COMPLETE", "{\"HIGH\":3,\"LOW\":1}")),
                "reference-service", "1.2.3");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("scan of reference-service:1.2.3: {\"HIGH\":3,\"LOW\":1}",
                "no finding of a blocking severity (CRITICAL)");
        assertThat(calls()).hasSize(2).allMatch(call -> call.equals("ecr describe-image-scan-findings "
                + "--repository-name reference-service --image-id imageTag=1.2.3 --output json"));
    }

    @Test
    void aCriticalFindingFailsTheRelease() throws IOException {
        Processes.Result result = gate(List.of(status("COMPLETE", "{\"CRITICAL\":2,\"HIGH\":1}")),
                "reference-service", "1.2.3");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("reference-service:1.2.3 has 2 CRITICAL finding(s)");
    }

    @Test
    void theBlockingSeveritiesCanBeWidened() throws IOException {
        Processes.Result result = gate(List.of(status("COMPLETE", "{\"HIGH\":1,\"MEDIUM\":4}")),
                "reference-service", "1.2.3", "critical, high");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("has 1 HIGH finding(s)").doesNotContain("MEDIUM");
    }

    @Test
    void enhancedScanningCountsOnceItIsActive() throws IOException {
        Processes.Result result = gate(List.of(status("PENDING", ""), status("ACTIVE", "{\"CRITICAL\":1}")),
                "ecsapp-operator", "2025.03.09-5-0123456");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("ecsapp-operator:2025.03.09-5-0123456 has 1 CRITICAL finding(s)");
    }

    @Test
    void aFailedScanFailsTheRelease() throws IOException {
        String failed = "0\n{\"imageScanStatus\":{\"status\":\"FAILED\",\"description\":\"UnsupportedImageError\"}}";
        Processes.Result result = gate(List.of(failed), "reference-service", "1.2.3");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("the scan of reference-service:1.2.3 ended FAILED: UnsupportedImageError");
    }

    @Test
    void anImageThatWasNotScannedOnPushGetsOneScanStarted() throws IOException {
        Processes.Result result = gate(List.of(NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, status("COMPLETE", "{}")),
                "reference-service", "1.2.3");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(calls()).filteredOn(call -> call.startsWith("ecr start-image-scan")).containsExactly(
                "ecr start-image-scan --repository-name reference-service --image-id imageTag=1.2.3");
    }

    @Test
    void aScanThatNeverEndsFailsAfterTheLastPoll() throws IOException {
        Processes.Result result = gate(List.of(status("IN_PROGRESS", "")), "reference-service", "1.2.3");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("no scan result for reference-service:1.2.3 after 6 polls");
        assertThat(calls()).hasSize(6);
    }

    @Test
    void anyOtherErrorFailsAtOnce() throws IOException {
        String denied = "254\nAn error occurred (AccessDeniedException) when calling the DescribeImageScanFindings "
                + "operation: not authorized";
        Processes.Result result = gate(List.of(denied), "reference-service", "1.2.3");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("AccessDeniedException");
        assertThat(calls()).hasSize(1);
    }

    private static String status(String status, String counts) {
        String findings = counts.isEmpty() ? "" : ",\"imageScanFindings\":{\"findingSeverityCounts\":" + counts + "}";
        return "0\n{\"imageScanStatus\":{\"status\":\"" + status + "\"}" + findings + "}";
    }

    private Processes.Result gate(List<String> answers, String... args) throws IOException {
        Path aws = stubDir.resolve("aws");
        Files.writeString(aws, STUB);
        Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (int i = 0; i < answers.size(); i++) {
            Files.writeString(stubDir.resolve("answer-" + (i + 1)), answers.get(i) + "\n");
        }
        List<String> command = new ArrayList<>(List.of("bash", ".github/scripts/ecr-scan-gate.sh"));
        command.addAll(List.of(args));
        return Processes.run(RepositoryFiles.root(), Map.of("PATH", stubDir + ":" + System.getenv("PATH"),
                "SCAN_POLL_SECONDS", "0", "SCAN_POLL_ATTEMPTS", "6"), command);
    }

    private List<String> calls() throws IOException {
        Path calls = stubDir.resolve("calls");
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }
}
