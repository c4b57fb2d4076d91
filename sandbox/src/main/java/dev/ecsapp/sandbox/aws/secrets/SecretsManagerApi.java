package dev.ecsapp.sandbox.aws.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.ecsapp.sandbox.aws.Account;
import dev.ecsapp.sandbox.aws.ApiSpec;
import dev.ecsapp.sandbox.aws.AwsApi;
import dev.ecsapp.sandbox.aws.protocol.AwsException;
import dev.ecsapp.sandbox.aws.protocol.JsonCodec;
import dev.ecsapp.sandbox.time.Scheduler;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DeleteSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DeleteSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsRequest;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;

/**
 * AWS Secrets Manager, the part a task's {@code secrets} need: secrets with string or binary values, versions with
 * the AWSCURRENT and AWSPREVIOUS stages, and deletion (with a recovery window or forced). ECS resolves a container's
 * {@code valueFrom} through {@link #currentValue}.
 */
public final class SecretsManagerApi implements AwsApi {

    private static final ApiSpec SPEC = ApiSpec.json("secretsmanager", "secretsmanager",
            "software.amazon.awssdk.services.secretsmanager.model");
    private static final String CURRENT = "AWSCURRENT";
    private static final String PREVIOUS = "AWSPREVIOUS";
    private static final String SUFFIX_CHARACTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Account account;
    private final Scheduler scheduler;
    private final SecureRandom random = new SecureRandom();
    /** By name. */
    private final Map<String, StoredSecret> secrets = new TreeMap<>();

    /** One version: its value and the stages that point at it. */
    private record Version(String id, String string, SdkBytes binary, List<String> stages, Instant created) {
    }

    private static final class StoredSecret {
        final String name;
        final String arn;
        final String description;
        final Instant created;
        final Map<String, Version> versions = new LinkedHashMap<>();
        Instant deletedAt;

        StoredSecret(String name, String arn, String description, Instant created) {
            this.name = name;
            this.arn = arn;
            this.description = description;
            this.created = created;
        }

        Optional<Version> staged(String stage) {
            return versions.values().stream().filter(v -> v.stages.contains(stage)).findFirst();
        }
    }

    public SecretsManagerApi(Account account, Scheduler scheduler) {
        this.account = account;
        this.scheduler = scheduler;
    }

    @Override
    public ApiSpec spec() {
        return SPEC;
    }

    @Override
    public void reset() {
        secrets.clear();
    }

    public CreateSecretResponse createSecret(CreateSecretRequest request) {
        String name = request.name();
        if (name == null || name.isEmpty() || name.length() > 512 || !name.matches("[A-Za-z0-9/_+=.@-]+")) {
            throw invalidParameter("Invalid name. Must be a valid name containing alphanumeric characters, or any of"
                    + " the following: -/_+=.@!");
        }
        if (request.secretString() != null && request.secretBinary() != null) {
            throw invalidParameter("You can't specify both a binary secret value and a string secret value in the "
                    + "same secret.");
        }
        StoredSecret existing = secrets.get(name);
        if (existing != null) {
            throw existing.deletedAt != null
                    ? invalidRequest("You can't create this secret because a secret with this name is already "
                            + "scheduled for deletion.")
                    : new AwsException("ResourceExistsException", "The operation failed because the secret "
                            + name + " already exists.");
        }
        StoredSecret secret = new StoredSecret(name, account.arn("secretsmanager", "secret:" + name + "-"
                + suffix()), request.description(), scheduler.now());
        secrets.put(name, secret);
        String versionId = null;
        if (request.secretString() != null || request.secretBinary() != null) {
            versionId = addVersion(secret, request.clientRequestToken(), request.secretString(),
                    request.secretBinary());
        }
        return CreateSecretResponse.builder().arn(secret.arn).name(name).versionId(versionId).build();
    }

    public PutSecretValueResponse putSecretValue(PutSecretValueRequest request) {
        StoredSecret secret = live(request.secretId());
        if ((request.secretString() == null) == (request.secretBinary() == null)) {
            throw invalidParameter("You must provide either SecretString or SecretBinary.");
        }
        String versionId = addVersion(secret, request.clientRequestToken(), request.secretString(),
                request.secretBinary());
        return PutSecretValueResponse.builder().arn(secret.arn).name(secret.name).versionId(versionId)
                .versionStages(secret.versions.get(versionId).stages).build();
    }

    public GetSecretValueResponse getSecretValue(GetSecretValueRequest request) {
        StoredSecret secret = live(request.secretId());
        Version version = version(secret, request.versionId(), request.versionStage());
        return GetSecretValueResponse.builder().arn(secret.arn).name(secret.name).versionId(version.id)
                .secretString(version.string).secretBinary(version.binary).versionStages(version.stages)
                .createdDate(version.created).build();
    }

    public DescribeSecretResponse describeSecret(DescribeSecretRequest request) {
        StoredSecret secret = find(request.secretId());
        Map<String, List<String>> stages = new LinkedHashMap<>();
        secret.versions.values().forEach(v -> stages.put(v.id, v.stages));
        return DescribeSecretResponse.builder().arn(secret.arn).name(secret.name).description(secret.description)
                .createdDate(secret.created).deletedDate(secret.deletedAt).versionIdsToStages(stages).build();
    }

    public ListSecretsResponse listSecrets(ListSecretsRequest request) {
        List<SecretListEntry> entries = new ArrayList<>();
        for (StoredSecret secret : secrets.values()) {
            if (secret.deletedAt == null || Boolean.TRUE.equals(request.includePlannedDeletion())) {
                entries.add(SecretListEntry.builder().arn(secret.arn).name(secret.name)
                        .description(secret.description).createdDate(secret.created).deletedDate(secret.deletedAt)
                        .build());
            }
        }
        return ListSecretsResponse.builder().secretList(entries).build();
    }

    public DeleteSecretResponse deleteSecret(DeleteSecretRequest request) {
        StoredSecret secret = find(request.secretId());
        boolean force = Boolean.TRUE.equals(request.forceDeleteWithoutRecovery());
        if (force && request.recoveryWindowInDays() != null) {
            throw invalidParameter("You can't use ForceDeleteWithoutRecovery in conjunction with "
                    + "RecoveryWindowInDays.");
        }
        long days = request.recoveryWindowInDays() == null ? 30 : request.recoveryWindowInDays();
        if (!force && (days < 7 || days > 30)) {
            throw invalidParameter("The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).");
        }
        Instant now = scheduler.now();
        Instant deletion = force ? now : now.plusSeconds(days * 86_400);
        if (force) {
            secrets.remove(secret.name);
        } else {
            secret.deletedAt = deletion;
            scheduler.at(deletion, () -> secrets.remove(secret.name, secret));
        }
        return DeleteSecretResponse.builder().arn(secret.arn).name(secret.name).deletionDate(deletion).build();
    }

    /**
     * A secret at an exact ARN, as a platform team's Terraform made it before the apps that name it (the examples
     * name {@code ...:secret:shop/db-AbCdEf}); Secrets Manager's own CreateSecret picks the suffix itself.
     */
    public void seed(String arn, String value) {
        String prefix = account.arn("secretsmanager", "secret:");
        if (!arn.startsWith(prefix) || !arn.matches(".*-[A-Za-z0-9]{6}$")) {
            throw new IllegalArgumentException("not a secret ARN of this account and region: " + arn);
        }
        String name = arn.substring(prefix.length(), arn.length() - 7);
        StoredSecret secret = new StoredSecret(name, arn, null, scheduler.now());
        secrets.put(name, secret);
        addVersion(secret, null, value, null);
    }

    /**
     * The value ECS puts in a container's environment for a {@code valueFrom} naming a secret: its ARN (or name),
     * optionally followed by {@code :json-key:version-stage:version-id} as ECS documents; empty when it does not
     * resolve.
     */
    public Optional<String> currentValue(String valueFrom) {
        String reference = valueFrom;
        String jsonKey = "";
        String stage = "";
        String versionId = "";
        String arnPrefix = account.arn("secretsmanager", "secret:");
        if (reference.startsWith(arnPrefix)) {
            String[] parts = reference.substring(arnPrefix.length()).split(":", -1);
            reference = arnPrefix + parts[0];
            jsonKey = parts.length > 1 ? parts[1] : "";
            stage = parts.length > 2 ? parts[2] : "";
            versionId = parts.length > 3 ? parts[3] : "";
        }
        try {
            StoredSecret secret = live(reference);
            Version version = version(secret, versionId.isEmpty() ? null : versionId,
                    stage.isEmpty() ? null : stage);
            if (version.string == null) {
                return Optional.empty();
            }
            if (jsonKey.isEmpty()) {
                return Optional.of(version.string);
            }
            JsonNode value = JSON.readTree(version.string).get(jsonKey);
            return value == null ? Optional.empty() : Optional.of(value.isTextual() ? value.asText()
                    : value.toString());
        } catch (AwsException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public JsonNode state(JsonCodec json) {
        ArrayNode list = json.mapper().createArrayNode();
        // Names and versions only: the sandbox's state dump never shows secret values.
        secrets.values().forEach(s -> list.addObject().put("Name", s.name).put("ARN", s.arn)
                .put("Versions", s.versions.size()).put("Deleted", s.deletedAt != null));
        return list;
    }

    private String addVersion(StoredSecret secret, String token, String string, SdkBytes binary) {
        String id = token != null ? token : UUID.randomUUID().toString();
        if (secret.versions.containsKey(id)) {
            Version same = secret.versions.get(id);
            if (java.util.Objects.equals(same.string, string) && java.util.Objects.equals(same.binary, binary)) {
                return id; // a retried request with the same token
            }
            throw new AwsException("ResourceExistsException", "You can't modify an existing version, you can only "
                    + "create a new version.");
        }
        secret.staged(PREVIOUS).ifPresent(v -> v.stages.remove(PREVIOUS));
        secret.staged(CURRENT).ifPresent(v -> {
            v.stages.remove(CURRENT);
            v.stages.add(PREVIOUS);
        });
        secret.versions.put(id, new Version(id, string, binary, new ArrayList<>(List.of(CURRENT)),
                scheduler.now()));
        return id;
    }

    private Version version(StoredSecret secret, String versionId, String stage) {
        if (versionId != null) {
            Version version = secret.versions.get(versionId);
            if (version == null || stage != null && !version.stages.contains(stage)) {
                throw notFound("Secrets Manager can't find the specified secret value for VersionId: " + versionId);
            }
            return version;
        }
        String wanted = stage != null ? stage : CURRENT;
        return secret.staged(wanted).orElseThrow(() -> notFound(
                "Secrets Manager can't find the specified secret value for staging label: " + wanted));
    }

    private StoredSecret live(String secretId) {
        StoredSecret secret = find(secretId);
        if (secret.deletedAt != null) {
            throw invalidRequest("You can't perform this operation on the secret because it was marked for "
                    + "deletion.");
        }
        return secret;
    }

    /** By name, full ARN, or ARN without the random suffix, as Secrets Manager accepts a SecretId. */
    private StoredSecret find(String secretId) {
        if (secretId == null || secretId.isEmpty()) {
            throw invalidParameter("Invalid name. Must be a valid name containing alphanumeric characters, or any "
                    + "of the following: -/_+=.@!");
        }
        StoredSecret byName = secrets.get(secretId);
        if (byName != null) {
            return byName;
        }
        for (StoredSecret secret : secrets.values()) {
            if (secret.arn.equals(secretId) || secret.arn.substring(0, secret.arn.length() - 7).equals(secretId)) {
                return secret;
            }
        }
        throw notFound("Secrets Manager can't find the specified secret.");
    }

    /** Secrets Manager ends every secret's ARN with a dash and six random characters. */
    private String suffix() {
        StringBuilder suffix = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            suffix.append(SUFFIX_CHARACTERS.charAt(random.nextInt(SUFFIX_CHARACTERS.length())));
        }
        return suffix.toString();
    }

    private static AwsException notFound(String message) {
        return new AwsException("ResourceNotFoundException", message);
    }

    private static AwsException invalidParameter(String message) {
        return new AwsException("InvalidParameterException", message);
    }

    private static AwsException invalidRequest(String message) {
        return new AwsException("InvalidRequestException", message);
    }
}
