package dev.ecsapp.deploy.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.deploy.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** .github/scripts/version.sh, run as the release workflow runs it. */
class VersionScriptTest {

    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path temp;

    @Test
    void aReleaseTagGivesItsSemanticVersion() throws IOException {
        Processes.Result result = version(Map.of(), "refs/tags/v1.2.3", "42", SHA);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout().strip()).isEqualTo("1.2.3");
        assertThat(outputs()).containsExactly("version=1.2.3", "release=true", "prerelease=false");
    }

    @Test
    void aPreReleaseTagIsMarkedAsOne() throws IOException {
        Processes.Result result = version(Map.of(), "refs/tags/v2.0.0-rc.1", "7", SHA);

        assertThat(result.stdout().strip()).isEqualTo("2.0.0-rc.1");
        assertThat(outputs()).containsExactly("version=2.0.0-rc.1", "release=true", "prerelease=true");
    }

    @Test
    void aBuildOfMainGetsTheDateTheRunNumberAndTheShortCommit() throws IOException {
        Processes.Result result = version(Map.of("VERSION_DATE", "2025.03.09"), "refs/heads/main", "1234", SHA);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout().strip()).isEqualTo("2025.03.09-1234-0123456");
        assertThat(outputs()).containsExactly("version=2025.03.09-1234-0123456", "release=false", "prerelease=false");
    }

    @Test
    void withoutAGivenDateABuildOfMainIsDatedTodayInUtc() {
        LocalDate before = LocalDate.now(ZoneOffset.UTC);
        Processes.Result result = version(Map.of(), "refs/heads/main", "5", SHA);
        LocalDate after = LocalDate.now(ZoneOffset.UTC);

        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy.MM.dd");
        // Before and after, in case the run straddles midnight.
        assertThat(result.stdout().strip()).isIn(before.format(format) + "-5-0123456",
                after.format(format) + "-5-0123456");
    }

    @ParameterizedTest
    @ValueSource(strings = {"refs/tags/v1.2", "refs/tags/v1", "refs/tags/1.2.3", "refs/tags/v01.2.3",
            "refs/tags/v1.2.3.4", "refs/tags/v1.2.3+build.5", "refs/tags/v1.2.3-", "refs/tags/v1.2.3-01",
            "refs/tags/release-1.2.3"})
    void aTagThatIsNotASemanticVersionFails(String ref) throws IOException {
        Processes.Result result = version(Map.of(), ref, "42", SHA);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("is not a release tag");
        assertThat(result.stdout()).isEmpty();
        assertThat(outputs()).as("nothing for later steps").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"refs/heads/feature/x", "refs/pull/12/merge", "refs/heads/mainline"})
    void anyOtherRefFails(String ref) {
        Processes.Result result = version(Map.of(), ref, "42", SHA);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("gets no version");
    }

    @Test
    void aMalformedRunNumberCommitOrDateFails() {
        assertThat(version(Map.of(), "refs/heads/main", "0", SHA).stderr()).contains("run number");
        assertThat(version(Map.of(), "refs/heads/main", "3", "HEAD").stderr()).contains("not a hexadecimal git SHA");
        assertThat(version(Map.of("VERSION_DATE", "2025-03-09"), "refs/heads/main", "3", SHA).stderr())
                .contains("is not YYYY.MM.DD");
    }

    private Processes.Result version(Map<String, String> env, String... args) {
        Map<String, String> all = new HashMap<>(env);
        all.put("GITHUB_OUTPUT", temp.resolve("github-output").toString());
        return Processes.run(RepositoryFiles.root(), all,
                List.of("bash", ".github/scripts/version.sh", args[0], args[1], args[2]));
    }

    private List<String> outputs() throws IOException {
        Path file = temp.resolve("github-output");
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }
}
