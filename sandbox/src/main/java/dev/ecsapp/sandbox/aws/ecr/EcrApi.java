package dev.ecsapp.sandbox.aws.ecr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsapp.sandbox.aws.Account;
import dev.ecsapp.sandbox.aws.ApiSpec;
import dev.ecsapp.sandbox.aws.AwsApi;
import dev.ecsapp.sandbox.aws.ImageRegistry;
import dev.ecsapp.sandbox.aws.LocalImages;
import dev.ecsapp.sandbox.aws.Pagination;
import dev.ecsapp.sandbox.aws.protocol.AwsException;
import dev.ecsapp.sandbox.aws.protocol.Constraints;
import dev.ecsapp.sandbox.aws.protocol.JsonCodec;
import dev.ecsapp.sandbox.time.Scheduler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.BatchDeleteImageRequest;
import software.amazon.awssdk.services.ecr.model.BatchDeleteImageResponse;
import software.amazon.awssdk.services.ecr.model.BatchGetImageRequest;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryRequest;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryResponse;
import software.amazon.awssdk.services.ecr.model.DeleteLifecyclePolicyRequest;
import software.amazon.awssdk.services.ecr.model.DeleteLifecyclePolicyResponse;
import software.amazon.awssdk.services.ecr.model.DeleteRepositoryRequest;
import software.amazon.awssdk.services.ecr.model.DeleteRepositoryResponse;
import software.amazon.awssdk.services.ecr.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ecr.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesRequest;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesResponse;
import software.amazon.awssdk.services.ecr.model.EncryptionConfiguration;
import software.amazon.awssdk.services.ecr.model.EncryptionType;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenRequest;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenResponse;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyRequest;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyResponse;
import software.amazon.awssdk.services.ecr.model.Image;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageFailure;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageScanningConfiguration;
import software.amazon.awssdk.services.ecr.model.ListImagesRequest;
import software.amazon.awssdk.services.ecr.model.ListImagesResponse;
import software.amazon.awssdk.services.ecr.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.ecr.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.ecr.model.PutImageRequest;
import software.amazon.awssdk.services.ecr.model.PutImageResponse;
import software.amazon.awssdk.services.ecr.model.PutImageScanningConfigurationRequest;
import software.amazon.awssdk.services.ecr.model.PutImageScanningConfigurationResponse;
import software.amazon.awssdk.services.ecr.model.PutImageTagMutabilityRequest;
import software.amazon.awssdk.services.ecr.model.PutImageTagMutabilityResponse;
import software.amazon.awssdk.services.ecr.model.PutLifecyclePolicyRequest;
import software.amazon.awssdk.services.ecr.model.PutLifecyclePolicyResponse;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.Tag;
import software.amazon.awssdk.services.ecr.model.TagResourceRequest;
import software.amazon.awssdk.services.ecr.model.TagResourceResponse;
import software.amazon.awssdk.services.ecr.model.TagStatus;
import software.amazon.awssdk.services.ecr.model.UntagResourceRequest;
import software.amazon.awssdk.services.ecr.model.UntagResourceResponse;

/** ECR: repositories, images pushed as manifests, tags and lifecycle policies; and the pull check ECS makes. */
public final class EcrApi implements AwsApi, ImageRegistry {

    private static final ApiSpec SPEC = ApiSpec.json("ecr", "AmazonEC2ContainerRegistry_V20150921",
            "software.amazon.awssdk.services.ecr.model");
    private static final Logger LOG = Logger.getLogger(EcrApi.class.getName());
    /** How often lifecycle policies are evaluated again, on the sandbox's clock. */
    private static final Duration LIFECYCLE_EVALUATION = Duration.ofHours(1);
    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 1000;
    private static final int MAX_IMAGE_IDS = 100;
    private static final int MAX_TAGS = 50;
    private static final int MAX_TAG_KEY = 128;
    private static final int MAX_TAG_VALUE = 256;

    private final Account account;
    private final Scheduler scheduler;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, StoredRepository> repositories = new TreeMap<>();
    /** Passwords GetAuthorizationToken gave out, with when each expires (12 hours on, as ECR's). */
    private final Map<String, Instant> passwords = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private BlobStore blobs;
    /** Whether the hourly lifecycle evaluation is scheduled; a reset moves the generation, which stops it. */
    private boolean lifecycleScheduled;
    private long lifecycleGeneration;

    public EcrApi(Account account, Scheduler scheduler) {
        this.account = account;
        this.scheduler = scheduler;
    }

    /**
     * A token for the registry API, as docker login and Jib take it: base64 of {@code AWS:<password>}, valid for
     * 12 hours; the proxy endpoint is the registry's ECR address (the sandbox serves it at its own /v2/).
     */
    public GetAuthorizationTokenResponse getAuthorizationToken(GetAuthorizationTokenRequest request) {
        byte[] secret = new byte[24];
        random.nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant expires = scheduler.now().plus(Duration.ofHours(12));
        passwords.values().removeIf(expiry -> expiry.isBefore(scheduler.now()));
        // Bounded: a client that logs in in a loop keeps only the newest thousand passwords valid.
        while (passwords.size() >= 1000) {
            passwords.remove(passwords.keySet().iterator().next());
        }
        passwords.put(password, expires);
        String token = Base64.getEncoder().encodeToString(("AWS:" + password).getBytes(StandardCharsets.UTF_8));
        return GetAuthorizationTokenResponse.builder().authorizationData(AuthorizationData.builder()
                .authorizationToken(token).expiresAt(expires).proxyEndpoint("https://" + registryHost()).build())
                .build();
    }

    /** Whether a registry request's Basic credentials are a password GetAuthorizationToken gave out. */
    boolean authorized(String user, String password) {
        Instant expiry = passwords.get(password);
        return "AWS".equals(user) && expiry != null && !expiry.isBefore(scheduler.now());
    }

    /** The registry's blobs; made on first use, deleted with {@link #close}. */
    synchronized BlobStore blobs() {
        if (blobs == null) {
            blobs = new BlobStore();
        }
        return blobs;
    }

    /** Deletes the blobs on disk. */
    public synchronized void close() {
        if (blobs != null) {
            blobs.close();
        }
    }

    /** A repository by name, for the registry API, or empty. */
    Optional<StoredRepository> repositoryNamed(String name) {
        return Optional.ofNullable(repositories.get(name));
    }

    /**
     * A manifest pushed through the registry API: an image in ECR, as PutImage makes one, after ECR's checks that
     * every blob it names was pushed first and that an immutable tag is not moved.
     *
     * @return the manifest's digest
     */
    String pushManifest(StoredRepository repository, String reference, String text, String contentType) {
        JsonNode manifest = manifest(text);
        String digest = Manifests.digest(text);
        boolean byDigest = reference.startsWith("sha256:");
        if (byDigest && !reference.equals(digest)) {
            throw new RegistryError(400, "DIGEST_INVALID", "provided digest did not match uploaded content");
        }
        List<String> missing = new ArrayList<>();
        if (manifest.has("manifests")) {
            manifest.path("manifests").forEach(m -> {
                if (repository.byDigest(m.path("digest").asText()).isEmpty()) {
                    missing.add(m.path("digest").asText());
                }
            });
        } else {
            if (manifest.path("config").has("digest") && !blobs().has(manifest.path("config").path("digest").asText())) {
                missing.add(manifest.path("config").path("digest").asText());
            }
            manifest.path("layers").forEach(l -> {
                if (!blobs().has(l.path("digest").asText())) {
                    missing.add(l.path("digest").asText());
                }
            });
        }
        if (!missing.isEmpty()) {
            throw new RegistryError(400, "MANIFEST_BLOB_UNKNOWN", "Layers with digests " + missing + " required for"
                    + " pushing image into repository with name '" + repository.name + "' in registry with id '"
                    + account.id() + "' do not exist");
        }
        String tag = byDigest ? null : reference;
        Optional<StoredImage> existing = repository.byDigest(digest);
        if (existing.isPresent() && (tag == null || existing.get().tags.contains(tag))) {
            return digest; // pushed again: a registry answers 201 as for the first push
        }
        if (tag != null && repository.byTag(tag).isPresent() && repository.tagMutability.immutable(tag)) {
            throw new RegistryError(400, "TAG_INVALID", "The image tag '" + tag + "' already exists in the '"
                    + repository.name + "' repository and cannot be overwritten because the repository is "
                    + "immutable.");
        }
        store(repository, digest, text, manifest, contentType, tag);
        return digest;
    }

    /**
     * Stores a manifest (PutImage's or the registry API's, once each has made its own checks) and points the tag at
     * it: in a mutable repository a tag that named another image moves, and that image stays, untagged if it was its
     * last tag.
     */
    private StoredImage store(StoredRepository repository, String digest, String text, JsonNode manifest,
            String mediaType, String tag) {
        if (tag != null) {
            repository.byTag(tag).ifPresent(previous -> previous.tags.remove(tag));
        }
        StoredImage image = repository.byDigest(digest).orElseGet(() -> {
            StoredImage pushed = new StoredImage(digest, text, Manifests.mediaType(manifest, mediaType),
                    Manifests.artifactMediaType(manifest), Manifests.sizeInBytes(manifest, text), scheduler.now());
            repository.images.add(pushed);
            return pushed;
        });
        if (tag != null) {
            image.tags.add(tag);
            // A tag pushed again is a new image as far as pulls go: the control API's fault no longer applies.
            repository.failedTags.remove(tag);
        }
        applyLifecyclePolicy(repository);
        return image;
    }

    /** The image a registry reference (a tag or a digest) names in a repository, or empty. */
    Optional<StoredImage> image(StoredRepository repository, String reference) {
        return reference.startsWith("sha256:") ? repository.byDigest(reference) : repository.byTag(reference);
    }

    /** Deletes a manifest by digest, as the registry API's DELETE does (its tags go with it). */
    boolean deleteManifest(StoredRepository repository, String digest) {
        List<StoredImage> removed = repository.images.stream().filter(image -> image.digest.equals(digest)).toList();
        repository.images.removeAll(removed);
        deleteUnusedBlobs(removed);
        return !removed.isEmpty();
    }

    /**
     * Expires what the repository's lifecycle policy selects now ({@link LifecycleRules}) and deletes the blobs no
     * image uses any more. ECR evaluates a policy within 24 hours; the sandbox does at once, on PutLifecyclePolicy
     * and on each push, and every simulated hour for the rules that count days.
     */
    private void applyLifecyclePolicy(StoredRepository repository) {
        if (repository.lifecyclePolicyText == null) {
            return;
        }
        JsonNode policy;
        try {
            policy = mapper.readTree(repository.lifecyclePolicyText);
        } catch (JsonProcessingException e) {
            return; // PutLifecyclePolicy took only JSON
        }
        repository.lifecycleEvaluatedAt = scheduler.now();
        Set<StoredImage> expired = LifecycleRules.expired(policy, repository.images, scheduler.now());
        if (!expired.isEmpty()) {
            repository.images.removeAll(expired);
            deleteUnusedBlobs(expired);
        }
    }

    /** Evaluates every policy each simulated hour while one exists; a reset stops it. */
    private void scheduleLifecycleEvaluation() {
        if (lifecycleScheduled) {
            return;
        }
        lifecycleScheduled = true;
        long generation = lifecycleGeneration;
        scheduler.at(scheduler.now().plus(LIFECYCLE_EVALUATION), () -> {
            if (generation != lifecycleGeneration) {
                return;
            }
            lifecycleScheduled = false;
            repositories.values().forEach(this::applyLifecyclePolicy);
            if (repositories.values().stream().anyMatch(r -> r.lifecyclePolicyText != null)) {
                scheduleLifecycleEvaluation();
            }
        });
    }

    /**
     * Deletes the layers and configs of removed images that no image left in any repository names. Only those: a
     * blob uploaded for a push whose manifest has not come yet belongs to no image and must stay.
     */
    private void deleteUnusedBlobs(Collection<StoredImage> removed) {
        if (blobs == null || removed.isEmpty()) {
            return;
        }
        Set<String> candidates = new HashSet<>();
        removed.forEach(image -> candidates.addAll(blobsOf(image)));
        for (StoredRepository repository : repositories.values()) {
            repository.images.forEach(image -> candidates.removeAll(blobsOf(image)));
        }
        for (String digest : candidates) {
            try {
                blobs.delete(digest);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not delete blob " + digest, e);
            }
        }
    }

    /** The config and layer digests a manifest names (none for an index, which names manifests). */
    private Set<String> blobsOf(StoredImage image) {
        Set<String> digests = new HashSet<>();
        try {
            JsonNode manifest = mapper.readTree(image.manifest);
            if (manifest.path("config").path("digest").isTextual()) {
                digests.add(manifest.path("config").path("digest").asText());
            }
            manifest.path("layers").forEach(layer -> digests.add(layer.path("digest").asText()));
        } catch (JsonProcessingException e) {
            // stored only after parsing
        }
        return digests;
    }

    /**
     * The images pushed here, as the local task runtime runs them: a task definition's image (this registry's
     * ECR address or the sandbox's loopback address, by tag or digest) to its config and layers. An image list or
     * OCI index resolves to its linux/amd64 image; a manifest without a config (PutImage of a hand-made one) or a
     * missing blob to nothing.
     */
    public LocalImages localImages() {
        return this::resolveLocal;
    }

    private Optional<LocalImages.Image> resolveLocal(String image) {
        ImageReference reference = ImageReference.parse(image);
        if (reference.host() == null || !(reference.host().equals(registryHost())
                || reference.host().startsWith("127.0.0.1:") || reference.host().startsWith("localhost:"))) {
            return Optional.empty();
        }
        StoredRepository repository = repositories.get(reference.repository());
        if (repository == null) {
            return Optional.empty();
        }
        Optional<StoredImage> found = reference.digest() != null ? repository.byDigest(reference.digest())
                : repository.byTag(reference.effectiveTag());
        if (found.isEmpty() || repository.corrupt(found.get())) {
            return Optional.empty();
        }
        JsonNode manifest = manifest(found.get().manifest);
        if (manifest.has("manifests")) {
            for (JsonNode entry : manifest.path("manifests")) {
                JsonNode platform = entry.path("platform");
                if ("linux".equals(platform.path("os").asText()) && "amd64".equals(platform.path(
                        "architecture").asText())) {
                    Optional<StoredImage> child = repository.byDigest(entry.path("digest").asText());
                    if (child.isPresent()) {
                        return imageOf(child.get().digest, manifest(child.get().manifest));
                    }
                }
            }
            return Optional.empty();
        }
        return imageOf(found.get().digest, manifest);
    }

    private Optional<LocalImages.Image> imageOf(String digest, JsonNode manifest) {
        String configDigest = manifest.path("config").path("digest").asText(null);
        if (configDigest == null || !blobs().has(configDigest)) {
            return Optional.empty();
        }
        List<LocalImages.Layer> layers = new ArrayList<>();
        for (JsonNode layer : manifest.path("layers")) {
            String layerDigest = layer.path("digest").asText();
            if (!blobs().has(layerDigest)) {
                return Optional.empty();
            }
            String mediaType = layer.path("mediaType").asText("");
            BlobStore store = blobs();
            layers.add(new LocalImages.Layer() {
                @Override
                public String digest() {
                    return layerDigest;
                }

                @Override
                public String mediaType() {
                    return mediaType;
                }

                @Override
                public java.io.InputStream open() throws java.io.IOException {
                    return store.open(layerDigest);
                }
            });
        }
        try {
            return Optional.of(new LocalImages.Image(digest, mapper.readTree(blobs().read(configDigest)),
                    List.copyOf(layers)));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public ApiSpec spec() {
        return SPEC;
    }

    @Override
    public void reset() {
        repositories.clear();
        lifecycleGeneration++;
        lifecycleScheduled = false;
    }

    /** The registry's host, the first part of every repository URI ({@code <account>.dkr.ecr.<region>...}). */
    public String registryHost() {
        return account.id() + ".dkr.ecr." + account.region() + ".amazonaws.com";
    }

    public CreateRepositoryResponse createRepository(CreateRepositoryRequest request) {
        String name = request.repositoryName();
        RepositoryNames.problem(name).ifPresent(problem -> {
            throw EcrErrors.invalidParameter(problem);
        });
        TagMutability mutability = TagMutability.of(request.imageTagMutabilityAsString(),
                request.hasImageTagMutabilityExclusionFilters() ? request.imageTagMutabilityExclusionFilters() : null);
        if (repositories.containsKey(name)) {
            throw EcrErrors.repositoryAlreadyExists(name, account.id());
        }
        boolean scanOnPush = request.imageScanningConfiguration() != null
                && Boolean.TRUE.equals(request.imageScanningConfiguration().scanOnPush());
        StoredRepository repository = new StoredRepository(name, scheduler.now(),
                encryption(request.encryptionConfiguration()), mutability, scanOnPush);
        addTags(repository, request.tags());
        repositories.put(name, repository);
        return CreateRepositoryResponse.builder().repository(describe(repository)).build();
    }

    public DescribeRepositoriesResponse describeRepositories(DescribeRepositoriesRequest request) {
        int pageSize = pageSize(request.maxResults());
        List<StoredRepository> found = new ArrayList<>();
        if (request.hasRepositoryNames()) {
            for (String name : request.repositoryNames()) {
                found.add(repository(name, request.registryId()));
            }
        } else if (registryId(request.registryId()).equals(account.id())) {
            found.addAll(repositories.values());
        }
        Pagination.Page<StoredRepository> page = Pagination.page(found, request.nextToken(), pageSize,
                EcrApi::invalidToken);
        return DescribeRepositoriesResponse.builder()
                .repositories(page.items().stream().map(this::describe).toList())
                .nextToken(page.nextToken())
                .build();
    }

    public DeleteRepositoryResponse deleteRepository(DeleteRepositoryRequest request) {
        StoredRepository repository = repository(request.repositoryName(), request.registryId());
        if (!repository.images.isEmpty() && !Boolean.TRUE.equals(request.force())) {
            throw EcrErrors.repositoryNotEmpty(repository.name, account.id());
        }
        repositories.remove(repository.name);
        deleteUnusedBlobs(repository.images);
        return DeleteRepositoryResponse.builder().repository(describe(repository)).build();
    }

    public PutLifecyclePolicyResponse putLifecyclePolicy(PutLifecyclePolicyRequest request) {
        StoredRepository repository = repository(request.repositoryName(), request.registryId());
        LifecyclePolicies.problem(request.lifecyclePolicyText(), mapper).ifPresent(problem -> {
            throw EcrErrors.invalidParameter(problem);
        });
        repository.lifecyclePolicyText = request.lifecyclePolicyText();
        applyLifecyclePolicy(repository);
        scheduleLifecycleEvaluation();
        return PutLifecyclePolicyResponse.builder().registryId(account.id()).repositoryName(repository.name)
                .lifecyclePolicyText(repository.lifecyclePolicyText).build();
    }

    public GetLifecyclePolicyResponse getLifecyclePolicy(GetLifecyclePolicyRequest request) {
        StoredRepository repository = repository(request.repositoryName(), request.registryId());
        return GetLifecyclePolicyResponse.builder().registryId(account.id()).repositoryName(repository.name)
                .lifecyclePolicyText(lifecyclePolicy(repository)).lastEvaluatedAt(repository.lifecycleEvaluatedAt)
                .build();
    }

    public DeleteLifecyclePolicyResponse deleteLifecyclePolicy(DeleteLifecyclePolicyRequest request) {
        StoredRepository repository = repository(request.repositoryName(), request.registryId());
        String text = lifecyclePolicy(repository);
        repository.lifecyclePolicyText = null;
        return DeleteLifecyclePolicyResponse.builder().registryId(account.id()).repositoryName(repository.name)
                .lifecyclePolicyText(text).build();
    }

    public PutImageScanningConfigurationResponse putImageScanningConfiguration(
            PutImageScanningConfigurationRequest request) {
        StoredRepository repository = repository(request.repositoryName(), request.registryId());
        if (request.imageScanningConfiguration() == null) {
            throw EcrErrors.invalidParameter(Constraints.notNull("imageScanningConfiguration"));
        }
        repository.scanOnPush = Boolean.TRUE.equals(request.imageScanningConfiguration().scanOnPush());
        return PutImageScanningConfigurationResponse.builder().registryId(account.id())
                .repositoryName(repository.name).imageScanningConfiguration(scanning(repository)).build();
    }

    public PutImageTagMutabilityResponse putImageTagMutability(PutImageTagMutabilityRequest request) {
        StoredRepository repository = repository(request.repositoryName(), request.registryId());
        if (request.imageTagMutabilityAsString() == null) {
            throw EcrErrors.invalidParameter(Constraints.notNull("imageTagMutability"));
        }
        repository.tagMutability = TagMutability.of(request.imageTagMutabilityAsString(),
                request.hasImageTagMutabilityExclusionFilters() ? request.imageTagMutabilityExclusionFilters() : null);
        PutImageTagMutabilityResponse.Builder response = PutImageTagMutabilityResponse.builder()
                .registryId(account.id()).repositoryName(repository.name)
                .imageTagMutability(repository.tagMutability.mode());
        if (!repository.tagMutability.exclusions().isEmpty()) {
            response.imageTagMutabilityExclusionFilters(repository.tagMutability.exclusions());
        }
        return response.build();
    }

    /**
     * Stores a manifest under its digest and points the tag at it. Pushing what is already there is an error; in a
     * mutable repository a tag that names another image moves (that image stays, untagged if it was its last tag).
     */
    public PutImageResponse putImage(PutImageRequest request) {
        StoredRepository repository = repository(request.repositoryName(), request.registryId());
        String text = request.imageManifest();
        if (text == null) {
            throw EcrErrors.invalidParameter(Constraints.notNull("imageManifest"));
        }
        JsonNode manifest = manifest(text);
        String digest = Manifests.digest(text);
        if (request.imageDigest() != null && !request.imageDigest().equals(digest)) {
            throw EcrErrors.imageDigestDoesNotMatch();
        }
        String tag = request.imageTag();
        Optional<StoredImage> existing = repository.byDigest(digest);
        if (existing.isPresent() && (tag == null || existing.get().tags.contains(tag))) {
            throw EcrErrors.imageAlreadyExists(digest, tag, repository.name, account.id());
        }
        if (tag != null && repository.byTag(tag).isPresent() && repository.tagMutability.immutable(tag)) {
            throw EcrErrors.imageTagAlreadyExists(tag, repository.name);
        }
        StoredImage image = store(repository, digest, text, manifest, request.imageManifestMediaType(), tag);
        return PutImageResponse.builder().image(Image.builder().registryId(account.id())
                .repositoryName(repository.name).imageId(ImageIdentifier.builder().imageDigest(digest).imageTag(tag)
                        .build())
                .imageManifest(text).imageManifestMediaType(image.mediaType).build()).build();
    }

    public DescribeImagesResponse describeImages(DescribeImagesRequest request) {
        StoredRepository repository = repository(request.repositoryName(), request.registryId());
        int pageSize = pageSize(request.maxResults());
        List<StoredImage> found;
        if (request.hasImageIds()) {
            Set<StoredImage> named = new LinkedHashSet<>();
            for (ImageIdentifier id : request.imageIds()) {
                named.add(repository.find(id).orElseThrow(() -> EcrErrors.imageNotFound(id, repository.name,
                        account.id())));
            }
            found = new ArrayList<>(named);
        } else {
            TagStatus status = request.filter() == null ? TagStatus.ANY : request.filter().tagStatus();
            found = repository.images.stream().filter(i -> i.hasStatus(status)).toList();
        }
        Pagination.Page<StoredImage> page = Pagination.page(found, request.nextToken(), pageSize,
                EcrApi::invalidToken);
        return DescribeImagesResponse.builder()
                .imageDetails(page.items().stream().map(i -> detail(repository, i)).toList())
                .nextToken(page.nextToken())
                .build();
    }

    public BatchGetImageResponse batchGetImage(BatchGetImageRequest request) {
        StoredRepository repository = repository(request.repositoryName(), request.registryId());
        List<ImageIdentifier> ids = imageIds(request.hasImageIds() ? request.imageIds() : null);
        List<Image> images = new ArrayList<>();
        List<ImageFailure> failures = new ArrayList<>();
        for (ImageIdentifier id : ids) {
            Optional<ImageFailure> failure = repository.failure(id);
            if (failure.isPresent()) {
                failures.add(failure.get());
                continue;
            }
            StoredImage image = repository.find(id).orElseThrow();
            images.add(Image.builder().registryId(account.id()).repositoryName(repository.name)
                    .imageId(ImageIdentifier.builder().imageDigest(image.digest).imageTag(id.imageTag()).build())
                    .imageManifest(image.manifest).imageManifestMediaType(image.mediaType).build());
        }
        return BatchGetImageResponse.builder().images(images).failures(failures).build();
    }

    /** One identifier per tag, and a digest-only one per untagged image, as {@code docker}-style listings show. */
    public ListImagesResponse listImages(ListImagesRequest request) {
        StoredRepository repository = repository(request.repositoryName(), request.registryId());
        int pageSize = pageSize(request.maxResults());
        TagStatus status = request.filter() == null ? TagStatus.ANY : request.filter().tagStatus();
        List<ImageIdentifier> ids = new ArrayList<>();
        for (StoredImage image : repository.images) {
            if (!image.hasStatus(status)) {
                continue;
            }
            if (image.tags.isEmpty()) {
                ids.add(ImageIdentifier.builder().imageDigest(image.digest).build());
            }
            image.tags.forEach(tag -> ids.add(ImageIdentifier.builder().imageDigest(image.digest).imageTag(tag)
                    .build()));
        }
        Pagination.Page<ImageIdentifier> page = Pagination.page(ids, request.nextToken(), pageSize,
                EcrApi::invalidToken);
        return ListImagesResponse.builder().imageIds(page.items()).nextToken(page.nextToken()).build();
    }

    /**
     * By tag: removes the tag, and the image with its last tag. By digest: removes the image with every tag. The
     * answer lists what went, one identifier per tag.
     */
    public BatchDeleteImageResponse batchDeleteImage(BatchDeleteImageRequest request) {
        StoredRepository repository = repository(request.repositoryName(), request.registryId());
        List<ImageIdentifier> ids = imageIds(request.hasImageIds() ? request.imageIds() : null);
        List<ImageIdentifier> deleted = new ArrayList<>();
        List<ImageFailure> failures = new ArrayList<>();
        List<StoredImage> removed = new ArrayList<>();
        for (ImageIdentifier id : ids) {
            Optional<ImageFailure> failure = repository.failure(id);
            if (failure.isPresent()) {
                failures.add(failure.get());
                continue;
            }
            StoredImage image = repository.find(id).orElseThrow();
            if (id.imageDigest() == null) {
                image.tags.remove(id.imageTag());
                deleted.add(ImageIdentifier.builder().imageDigest(image.digest).imageTag(id.imageTag()).build());
                if (image.tags.isEmpty()) {
                    repository.images.remove(image);
                    removed.add(image);
                }
            } else {
                if (image.tags.isEmpty()) {
                    deleted.add(ImageIdentifier.builder().imageDigest(image.digest).build());
                }
                image.tags.forEach(tag -> deleted.add(ImageIdentifier.builder().imageDigest(image.digest)
                        .imageTag(tag).build()));
                repository.images.remove(image);
                removed.add(image);
            }
        }
        deleteUnusedBlobs(removed);
        return BatchDeleteImageResponse.builder().imageIds(deleted).failures(failures).build();
    }

    public TagResourceResponse tagResource(TagResourceRequest request) {
        StoredRepository repository = byArn(request.resourceArn());
        if (!request.hasTags()) {
            throw EcrErrors.invalidParameter(Constraints.notNull("tags"));
        }
        addTags(repository, request.tags());
        return TagResourceResponse.builder().build();
    }

    public UntagResourceResponse untagResource(UntagResourceRequest request) {
        StoredRepository repository = byArn(request.resourceArn());
        if (!request.hasTagKeys()) {
            throw EcrErrors.invalidParameter(Constraints.notNull("tagKeys"));
        }
        request.tagKeys().forEach(repository.tags::remove);
        return UntagResourceResponse.builder().build();
    }

    public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request) {
        StoredRepository repository = byArn(request.resourceArn());
        return ListTagsForResourceResponse.builder().tags(tags(repository)).build();
    }

    /**
     * ECS's check before a task starts. Images of other registries are pullable; one of this registry fails when
     * its repository, tag or digest does not exist or its tag was made to fail, with the stopped reason Fargate gives
     * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_cannot_pull_image.html).
     */
    @Override
    public Optional<String> pullFailure(String image) {
        ImageReference reference = ImageReference.parse(image);
        if (!registryHost().equals(reference.host())) {
            return Optional.empty();
        }
        StoredRepository repository = repositories.get(reference.repository());
        Optional<StoredImage> found = Optional.empty();
        if (repository != null) {
            // A runtime resolves a reference that has a digest by the digest alone.
            found = reference.digest() != null ? repository.byDigest(reference.digest())
                    : repository.byTag(reference.effectiveTag());
        }
        if (found.isPresent() && !repository.corrupt(found.get())) {
            return Optional.empty();
        }
        String ref = reference.normalized();
        return Optional.of("CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to "
                + "resolve ref " + ref + ": " + ref + ": not found");
    }

    @Override
    public void failTag(String repositoryName, String tag) {
        StoredRepository repository = repositories.get(repositoryName);
        if (repository == null) {
            throw new IllegalArgumentException("The repository with name '" + repositoryName
                    + "' does not exist in the registry with id '" + account.id() + "'");
        }
        repository.failedTags.add(tag);
    }

    @Override
    public JsonNode state(JsonCodec json) {
        ObjectNode state = json.mapper().createObjectNode().put("registry", registryHost());
        ArrayNode list = state.putArray("repositories");
        for (StoredRepository repository : repositories.values()) {
            ObjectNode node = json.toTree(describe(repository));
            node.set("tags", json.mapper().valueToTree(repository.tags));
            node.put("lifecyclePolicyText", repository.lifecyclePolicyText);
            ArrayNode images = node.putArray("images");
            repository.images.forEach(i -> images.add(json.toTree(detail(repository, i))));
            node.set("failedTags", json.mapper().valueToTree(repository.failedTags));
            list.add(node);
        }
        return state;
    }

    private StoredRepository repository(String name, String registryId) {
        RepositoryNames.problem(name).ifPresent(problem -> {
            throw EcrErrors.invalidParameter(problem);
        });
        String registry = registryId(registryId);
        StoredRepository repository = registry.equals(account.id()) ? repositories.get(name) : null;
        if (repository == null) {
            throw EcrErrors.repositoryNotFound(name, registry);
        }
        return repository;
    }

    private String registryId(String requested) {
        return requested == null ? account.id() : requested;
    }

    private StoredRepository byArn(String arn) {
        if (arn == null) {
            throw EcrErrors.invalidParameter(Constraints.notNull("resourceArn"));
        }
        String[] parts = arn.split(":", 6);
        if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("ecr")
                || !parts[5].startsWith("repository/")) {
            throw EcrErrors.invalidParameter("Invalid parameter at 'resourceArn' failed to satisfy constraint: "
                    + "'Invalid ARN'");
        }
        String name = parts[5].substring("repository/".length());
        StoredRepository repository = parts[3].equals(account.region()) && parts[4].equals(account.id())
                ? repositories.get(name) : null;
        if (repository == null) {
            throw EcrErrors.repositoryNotFound(name, parts[4]);
        }
        return repository;
    }

    private String lifecyclePolicy(StoredRepository repository) {
        if (repository.lifecyclePolicyText == null) {
            throw EcrErrors.lifecyclePolicyNotFound(repository.name, account.id());
        }
        return repository.lifecyclePolicyText;
    }

    private EncryptionConfiguration encryption(EncryptionConfiguration requested) {
        if (requested == null || requested.encryptionType() == null) {
            return EncryptionConfiguration.builder().encryptionType(EncryptionType.AES256).build();
        }
        if (requested.encryptionType() == EncryptionType.UNKNOWN_TO_SDK_VERSION) {
            throw EcrErrors.invalidParameter(Constraints.enumValue("encryptionConfiguration.encryptionType",
                    requested.encryptionTypeAsString(), EncryptionType.knownValues()));
        }
        if (requested.encryptionType() != EncryptionType.AES256 && requested.kmsKey() == null) {
            // Without a key of their own, KMS repositories use the account's AWS managed key for ECR.
            String keyId = UUID.nameUUIDFromBytes(("aws/ecr " + account.id() + " " + account.region())
                    .getBytes(StandardCharsets.UTF_8)).toString();
            return requested.toBuilder().kmsKey(account.arn("kms", "key/" + keyId)).build();
        }
        return requested;
    }

    private void addTags(StoredRepository repository, List<Tag> tags) {
        if (tags == null) {
            return;
        }
        Map<String, String> merged = new TreeMap<>(repository.tags);
        for (Tag tag : tags) {
            if (tag.key() == null || tag.key().isEmpty() || tag.key().length() > MAX_TAG_KEY
                    || (tag.value() != null && tag.value().length() > MAX_TAG_VALUE)) {
                throw EcrErrors.invalidTag();
            }
            merged.put(tag.key(), tag.value() == null ? "" : tag.value());
        }
        if (merged.size() > MAX_TAGS) {
            throw EcrErrors.tooManyTags();
        }
        repository.tags.clear();
        repository.tags.putAll(merged);
    }

    private static List<Tag> tags(StoredRepository repository) {
        return repository.tags.entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private Repository describe(StoredRepository repository) {
        Repository.Builder builder = Repository.builder()
                .repositoryArn(account.arn("ecr", "repository/" + repository.name))
                .registryId(account.id())
                .repositoryName(repository.name)
                .repositoryUri(registryHost() + "/" + repository.name)
                .createdAt(repository.createdAt)
                .imageTagMutability(repository.tagMutability.mode())
                .imageScanningConfiguration(scanning(repository))
                .encryptionConfiguration(repository.encryption);
        if (!repository.tagMutability.exclusions().isEmpty()) {
            builder.imageTagMutabilityExclusionFilters(repository.tagMutability.exclusions());
        }
        return builder.build();
    }

    private static ImageScanningConfiguration scanning(StoredRepository repository) {
        return ImageScanningConfiguration.builder().scanOnPush(repository.scanOnPush).build();
    }

    private ImageDetail detail(StoredRepository repository, StoredImage image) {
        ImageDetail.Builder builder = ImageDetail.builder()
                .registryId(account.id())
                .repositoryName(repository.name)
                .imageDigest(image.digest)
                .imageSizeInBytes(image.sizeInBytes)
                .imagePushedAt(image.pushedAt)
                .imageManifestMediaType(image.mediaType)
                .artifactMediaType(image.artifactMediaType);
        if (!image.tags.isEmpty()) {
            builder.imageTags(List.copyOf(image.tags));
        }
        return builder.build();
    }

    private JsonNode manifest(String text) {
        try {
            JsonNode manifest = mapper.readTree(text);
            if (manifest != null && manifest.isObject()) {
                return manifest;
            }
        } catch (JsonProcessingException e) {
            // Answered below, as for any manifest that is not a JSON object.
        }
        throw EcrErrors.invalidParameter("Invalid parameter at 'ImageManifest' failed to satisfy constraint: "
                + "'Invalid JSON syntax'");
    }

    private static List<ImageIdentifier> imageIds(List<ImageIdentifier> ids) {
        if (ids == null) {
            throw EcrErrors.invalidParameter(Constraints.notNull("imageIds"));
        }
        if (ids.isEmpty()) {
            throw EcrErrors.invalidParameter(Constraints.minLength("imageIds", ids, 1));
        }
        if (ids.size() > MAX_IMAGE_IDS) {
            throw EcrErrors.invalidParameter(Constraints.maxLength("imageIds", ids, MAX_IMAGE_IDS));
        }
        return ids;
    }

    private static int pageSize(Integer maxResults) {
        if (maxResults == null) {
            return DEFAULT_PAGE;
        }
        if (maxResults < 1) {
            throw EcrErrors.invalidParameter(Constraints.minValue("maxResults", maxResults, 1));
        }
        if (maxResults > MAX_PAGE) {
            throw EcrErrors.invalidParameter(Constraints.maxValue("maxResults", maxResults, MAX_PAGE));
        }
        return maxResults;
    }

    private static AwsException invalidToken() {
        return EcrErrors.invalidParameter("Invalid parameter at 'nextToken' failed to satisfy constraint: "
                + "'Invalid NextToken'");
    }
}
