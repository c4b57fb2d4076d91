package dev.ecsapp.sandbox.aws.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import dev.ecsapp.sandbox.SandboxExtension;
import dev.ecsapp.sandbox.aws.LocalImages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;

/**
 * ECR's registry API under /v2/ of the AWS port: images pushed by Jib Core (a real daemonless builder) land in ECR's
 * repositories, as DescribeImages and BatchGetImage show them, and resolve for the local task runtime; the API's
 * refusals as ECR answers them, checked with raw HTTP.
 */
class RegistryPushTest {

    @RegisterExtension
    static SandboxExtension sandbox = new SandboxExtension();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private EcrClient ecr;
    private final HttpClient http = HttpClient.newHttpClient();
    private String password;

    @BeforeEach
    void client() {
        ecr = sandbox.client(EcrClient.builder());
        String token = ecr.getAuthorizationToken().authorizationData().get(0).authorizationToken();
        String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        assertThat(decoded).startsWith("AWS:");
        password = decoded.substring(4);
        System.setProperty("sendCredentialsOverHttp", "true");
    }

    @AfterEach
    void close() {
        ecr.close();
    }

    @Test
    void anImagePushedByJibIsAnEcrImageWithItsRealDigestAndResolvesForTheRuntime() throws Exception {
        ecr.createRepository(r -> r.repositoryName("team/hello"));

        JibContainer pushed = push("team/hello", "1.0", "hello from a layer");

        ImageDetail detail = ecr.describeImages(r -> r.repositoryName("team/hello")).imageDetails().get(0);
        assertThat(detail.imageDigest()).isEqualTo(pushed.getDigest().toString());
        assertThat(detail.imageTags()).containsExactly("1.0");
        assertThat(detail.imageSizeInBytes()).isGreaterThan(0);
        assertThat(detail.imagePushedAt()).isNotNull();
        String manifest = ecr.batchGetImage(r -> r.repositoryName("team/hello").imageIds(i -> i.imageTag("1.0")))
                .images().get(0).imageManifest();
        assertThat("sha256:" + sha256(manifest.getBytes(StandardCharsets.UTF_8))).isEqualTo(detail.imageDigest());

        LocalImages.Image image = sandbox.sandbox().localImages()
                .resolve("123456789012.dkr.ecr.us-east-1.amazonaws.com/team/hello:1.0").orElseThrow();
        assertThat(image.digest()).isEqualTo(detail.imageDigest());
        assertThat(image.config().path("config").path("Entrypoint").get(0).asText()).isEqualTo("/app/run");
        assertThat(image.layers()).hasSize(1);
        try (var in = image.layers().get(0).open()) {
            assertThat(in.readAllBytes()).isNotEmpty();
        }
        assertThat(sandbox.sandbox().localImages().resolve("docker.io/library/nginx:1")).isEmpty();
        assertThat(sandbox.sandbox().localImages()
                .resolve("123456789012.dkr.ecr.us-east-1.amazonaws.com/team/hello:2.0")).isEmpty();
    }

    @Test
    void aPushedImageIsPulledBackThroughTheRegistryApi() throws Exception {
        ecr.createRepository(r -> r.repositoryName("pull"));
        JibContainer pushed = push("pull", "v1", "content");

        HttpResponse<String> manifest = send(request("/v2/pull/manifests/v1").GET()
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json"));
        JsonNode layer = JSON.readTree(manifest.body()).path("layers").get(0);
        HttpResponse<byte[]> blob = http.send(request("/v2/pull/blobs/" + layer.path("digest").asText()).GET()
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<String> tags = send(request("/v2/pull/tags/list").GET());

        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(manifest.headers().firstValue("Docker-Content-Digest")).contains(pushed.getDigest().toString());
        assertThat(blob.statusCode()).isEqualTo(200);
        assertThat("sha256:" + sha256(blob.body())).isEqualTo(layer.path("digest").asText());
        assertThat(JSON.readTree(tags.body()).path("tags").get(0).asText()).isEqualTo("v1");
    }

    /*
     * A lifecycle policy applies to pushed images: keep the newest two tagged release-*, expire untagged ones; the
     * images it expires leave DescribeImages, and their layers leave the registry (a GET of the blob is 404), while
     * a layer a kept image shares stays.
     */
    @Test
    void aLifecyclePolicyExpiresRealImagesAndTheirLayersGo() throws Exception {
        ecr.createRepository(r -> r.repositoryName("kept"));
        JibContainer first = push("kept", "release-1", "one");
        String firstLayer = layerDigest("kept", first.getDigest().toString());
        push("kept", "release-2", "two");
        push("kept", "release-3", "three");
        pushVariant("kept", "dev", "two"); // the same layer as release-2 in an image of its own

        ecr.putLifecyclePolicy(r -> r.repositoryName("kept").lifecyclePolicyText("""
                {"rules": [
                  {"rulePriority": 1, "description": "two releases",
                   "selection": {"tagStatus": "tagged", "tagPatternList": ["release-*"],
                                 "countType": "imageCountMoreThan", "countNumber": 2},
                   "action": {"type": "expire"}},
                  {"rulePriority": 2, "description": "no untagged",
                   "selection": {"tagStatus": "untagged", "countType": "imageCountMoreThan", "countNumber": 0},
                   "action": {"type": "expire"}}]}"""));

        assertThat(ecr.describeImages(r -> r.repositoryName("kept")).imageDetails())
                .flatExtracting(ImageDetail::imageTags).containsExactlyInAnyOrder("release-2", "release-3", "dev");
        assertThat(ecr.getLifecyclePolicy(r -> r.repositoryName("kept")).lastEvaluatedAt()).isNotNull();
        assertThat(http.send(request("/v2/kept/blobs/" + firstLayer).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);

        // Pushing another release expires the oldest kept one at once; its layer is shared with dev, so it stays.
        String sharedLayer = layerDigest("kept", "release-2");
        push("kept", "release-4", "four");
        assertThat(ecr.describeImages(r -> r.repositoryName("kept")).imageDetails())
                .flatExtracting(ImageDetail::imageTags).containsExactlyInAnyOrder("release-3", "release-4", "dev");
        assertThat(http.send(request("/v2/kept/blobs/" + sharedLayer).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
    }

    private String layerDigest(String repository, String reference) throws Exception {
        HttpResponse<String> manifest = send(request("/v2/" + repository + "/manifests/" + reference).GET()
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json"));
        return JSON.readTree(manifest.body()).path("layers").get(0).path("digest").asText();
    }

    @Test
    void aChunkedUploadIsCheckedAgainstItsDigest() throws Exception {
        ecr.createRepository(r -> r.repositoryName("chunks"));
        byte[] first = "first half, ".getBytes(StandardCharsets.UTF_8);
        byte[] second = "second half".getBytes(StandardCharsets.UTF_8);
        byte[] whole = (new String(first, StandardCharsets.UTF_8) + new String(second, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);

        String location = send(request("/v2/chunks/blobs/uploads/").POST(HttpRequest.BodyPublishers.noBody()))
                .headers().firstValue("Location").orElseThrow();
        HttpResponse<String> patched = send(request(location).method("PATCH",
                HttpRequest.BodyPublishers.ofByteArray(first)).header("Content-Range", "0-" + (first.length - 1)));
        send(request(location).method("PATCH", HttpRequest.BodyPublishers.ofByteArray(second)));
        HttpResponse<String> finished = send(request(location + "?digest=sha256:" + sha256(whole))
                .PUT(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> head = send(request("/v2/chunks/blobs/sha256:" + sha256(whole))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));

        String badLocation = send(request("/v2/chunks/blobs/uploads/").POST(HttpRequest.BodyPublishers.noBody()))
                .headers().firstValue("Location").orElseThrow();
        HttpResponse<String> wrong = send(request(badLocation + "?digest=sha256:" + sha256(first))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(second)));

        assertThat(patched.statusCode()).isEqualTo(202);
        assertThat(patched.headers().firstValue("Range")).contains("0-" + (first.length - 1));
        assertThat(finished.statusCode()).isEqualTo(201);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).contains(Integer.toString(whole.length));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("DIGEST_INVALID");
    }

    @Test
    void refusalsAsEcrAnswersThem() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(sandbox.endpoint() + "/v2/"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> noRepository = send(request("/v2/nothing/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()));
        ecr.createRepository(r -> r.repositoryName("strict").imageTagMutability(ImageTagMutability.IMMUTABLE));
        push("strict", "1", "one");
        HttpResponse<String> missingBlob = send(request("/v2/strict/manifests/2").header("Content-Type",
                "application/vnd.oci.image.manifest.v1+json").PUT(HttpRequest.BodyPublishers.ofString(
                "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
                        + "\"digest\":\"sha256:" + "0".repeat(64) + "\",\"size\":2},\"layers\":[]}")));

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("Basic realm="));
        assertThat(noRepository.statusCode()).isEqualTo(404);
        assertThat(noRepository.body()).contains("NAME_UNKNOWN")
                .contains("The repository with name 'nothing' does not exist");
        String first = ecr.describeImages(r -> r.repositoryName("strict")).imageDetails().get(0).imageDigest();
        HttpResponse<String> retag = send(request("/v2/strict/manifests/1").header("Content-Type",
                "application/vnd.oci.image.manifest.v1+json").PUT(HttpRequest.BodyPublishers.ofString(
                "{\"schemaVersion\":2,\"layers\":[]}")));
        // Jib words ECR's TAG_INVALID as its own guess; the registry's answer is checked on the raw PUT below.
        assertThatThrownBy(() -> push("strict", "1", "two"))
                .isInstanceOf(com.google.cloud.tools.jib.api.RegistryException.class)
                .hasMessageContaining("Tried to push image manifest for");
        assertThat(retag.statusCode()).isEqualTo(400);
        assertThat(retag.body()).contains("TAG_INVALID")
                .contains("already exists in the 'strict' repository and cannot be overwritten");
        assertThat(ecr.describeImages(r -> r.repositoryName("strict")).imageDetails())
                .singleElement().satisfies(image -> assertThat(image.imageDigest()).isEqualTo(first));
        assertThat(missingBlob.statusCode()).isEqualTo(400);
        assertThat(missingBlob.body()).contains("MANIFEST_BLOB_UNKNOWN");
    }

    private JibContainer push(String repository, String tag, String content) throws Exception {
        return push(repository, tag, content, "/app/run");
    }

    /** The same layer as {@link #push} with this content, in an image of its own (another entrypoint). */
    private JibContainer pushVariant(String repository, String tag, String content) throws Exception {
        return push(repository, tag, content, "/app/variant");
    }

    private JibContainer push(String repository, String tag, String content, String entrypoint) throws Exception {
        Path file = dir.resolve("run-" + content.hashCode());
        Files.writeString(file, content);
        URI endpoint = URI.create(sandbox.endpoint());
        return Jib.fromScratch()
                .addLayer(List.of(file), AbsoluteUnixPath.get("/app"))
                .setEntrypoint(entrypoint)
                .containerize(Containerizer.to(RegistryImage.named(endpoint.getHost() + ":" + endpoint.getPort()
                        + "/" + repository + ":" + tag).addCredential("AWS", password))
                        .setAllowInsecureRegistries(true));
    }

    private HttpRequest.Builder request(String path) {
        String auth = Base64.getEncoder().encodeToString(("AWS:" + password).getBytes(StandardCharsets.UTF_8));
        URI uri = path.startsWith("http") ? URI.create(path) : URI.create(sandbox.endpoint() + path);
        return HttpRequest.newBuilder(uri).header("Authorization", "Basic " + auth);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
