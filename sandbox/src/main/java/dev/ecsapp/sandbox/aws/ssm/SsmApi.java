package dev.ecsapp.sandbox.aws.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.ecsapp.sandbox.aws.Account;
import dev.ecsapp.sandbox.aws.ApiSpec;
import dev.ecsapp.sandbox.aws.AwsApi;
import dev.ecsapp.sandbox.aws.protocol.AwsException;
import dev.ecsapp.sandbox.aws.protocol.JsonCodec;
import dev.ecsapp.sandbox.time.Scheduler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.ssm.model.DeleteParameterRequest;
import software.amazon.awssdk.services.ssm.model.DeleteParameterResponse;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.PutParameterRequest;
import software.amazon.awssdk.services.ssm.model.PutParameterResponse;

/**
 * Systems Manager Parameter Store: String, StringList and SecureString parameters with versions, read one at a time,
 * ten at a time or by path. SecureString values are kept as given (the sandbox has no KMS) and shown only with
 * {@code WithDecryption}; without it, as a stand-in ciphertext, as SSM shows them. ECS resolves a container's
 * {@code valueFrom} through {@link #currentValue}.
 */
public final class SsmApi implements AwsApi {

    private static final ApiSpec SPEC = ApiSpec.json("ssm", "AmazonSSM", "software.amazon.awssdk.services.ssm.model");
    private static final int MAX_VALUE_CHARS = 4096;

    private final Account account;
    private final Scheduler scheduler;
    private final Map<String, Stored> parameters = new TreeMap<>();

    private record Stored(String name, ParameterType type, String value, long version, Instant modified) {
    }

    public SsmApi(Account account, Scheduler scheduler) {
        this.account = account;
        this.scheduler = scheduler;
    }

    @Override
    public ApiSpec spec() {
        return SPEC;
    }

    @Override
    public void reset() {
        parameters.clear();
    }

    public PutParameterResponse putParameter(PutParameterRequest request) {
        String name = request.name();
        if (name == null || name.isEmpty() || name.length() > 2048 || !name.matches("/?[A-Za-z0-9_.\\-/]+")
                || name.toLowerCase(java.util.Locale.ROOT).matches("/?(aws|ssm).*")) {
            throw new AwsException("ValidationException", "Parameter name: can't be prefixed with \"aws\" or \"ssm\""
                    + " (case-insensitive) and must consist of letters, numbers, and the symbols . - _ /");
        }
        if (request.value() == null || request.value().isEmpty()) {
            throw new AwsException("ValidationException", "1 validation error detected: Value '' at 'value' failed "
                    + "to satisfy constraint: Member must have length greater than or equal to 1");
        }
        if (request.value().length() > MAX_VALUE_CHARS) {
            throw new AwsException("ValidationException", "Standard tier parameters support a maximum parameter "
                    + "value of 4096 characters. To create a larger parameter value, upgrade the parameter to use "
                    + "the advanced-parameter tier.");
        }
        Stored existing = parameters.get(name);
        if (existing != null && !Boolean.TRUE.equals(request.overwrite())) {
            throw new AwsException("ParameterAlreadyExists", "The parameter already exists. To overwrite this "
                    + "value, set the overwrite option in the request to true.");
        }
        ParameterType type = request.type() != null ? request.type()
                : existing != null ? existing.type : null;
        if (type == null || type == ParameterType.UNKNOWN_TO_SDK_VERSION) {
            throw new AwsException("ValidationException", "A parameter type is required when you create a "
                    + "parameter.");
        }
        long version = existing == null ? 1 : existing.version + 1;
        parameters.put(name, new Stored(name, type, request.value(), version, scheduler.now()));
        return PutParameterResponse.builder().version(version).tier("Standard").build();
    }

    public GetParameterResponse getParameter(GetParameterRequest request) {
        Stored stored = parameters.get(plainName(request.name()));
        if (stored == null) {
            throw new AwsException("ParameterNotFound", "");
        }
        return GetParameterResponse.builder().parameter(describe(stored,
                Boolean.TRUE.equals(request.withDecryption()))).build();
    }

    public GetParametersResponse getParameters(GetParametersRequest request) {
        List<Parameter> found = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        if (request.names().size() > 10) {
            throw new AwsException("ValidationException", "1 validation error detected: Value at 'names' failed to "
                    + "satisfy constraint: Member must have length less than or equal to 10");
        }
        for (String name : request.names()) {
            Stored stored = parameters.get(plainName(name));
            if (stored == null) {
                invalid.add(name);
            } else {
                found.add(describe(stored, Boolean.TRUE.equals(request.withDecryption())));
            }
        }
        return GetParametersResponse.builder().parameters(found).invalidParameters(invalid).build();
    }

    public GetParametersByPathResponse getParametersByPath(GetParametersByPathRequest request) {
        String path = request.path().endsWith("/") ? request.path() : request.path() + "/";
        boolean recursive = Boolean.TRUE.equals(request.recursive());
        List<Parameter> found = new ArrayList<>();
        for (Stored stored : parameters.values()) {
            if (stored.name.startsWith(path) && (recursive || stored.name.indexOf('/', path.length()) < 0)) {
                found.add(describe(stored, Boolean.TRUE.equals(request.withDecryption())));
            }
        }
        return GetParametersByPathResponse.builder().parameters(found).build();
    }

    public DeleteParameterResponse deleteParameter(DeleteParameterRequest request) {
        if (parameters.remove(plainName(request.name())) == null) {
            throw new AwsException("ParameterNotFound", "");
        }
        return DeleteParameterResponse.builder().build();
    }

    /**
     * The value ECS puts in a container's environment for a {@code valueFrom} naming a parameter: its name, or its
     * ARN ({@code arn:aws:ssm:region:account:parameter/name}); SecureStrings decrypted. Empty when it does not resolve.
     */
    public Optional<String> currentValue(String valueFrom) {
        Stored stored = parameters.get(plainName(valueFrom));
        return stored == null ? Optional.empty() : Optional.of(stored.value);
    }

    @Override
    public JsonNode state(JsonCodec json) {
        ArrayNode list = json.mapper().createArrayNode();
        // SecureString values are never shown in the state dump.
        parameters.values().forEach(p -> list.addObject().put("Name", p.name).put("Type", p.type.toString())
                .put("Version", p.version).put("Value", p.type == ParameterType.SECURE_STRING ? "(secure)" : p.value));
        return list;
    }

    private Parameter describe(Stored stored, boolean decrypt) {
        boolean hidden = stored.type == ParameterType.SECURE_STRING && !decrypt;
        String value = hidden ? java.util.Base64.getEncoder().encodeToString(("kms:" + stored.value)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)) : stored.value;
        String arnName = stored.name.startsWith("/") ? stored.name : "/" + stored.name;
        return Parameter.builder().name(stored.name).type(stored.type).value(value).version(stored.version)
                .lastModifiedDate(stored.modified).arn(account.arn("ssm", "parameter" + arnName))
                .dataType("text").build();
    }

    /** A parameter's name from its name or ARN. An ARN's name loses its leading slash only if the name had none. */
    private String plainName(String nameOrArn) {
        if (nameOrArn == null) {
            throw new AwsException("ValidationException", "Parameter name must not be null");
        }
        String prefix = account.arn("ssm", "parameter");
        if (!nameOrArn.startsWith(prefix)) {
            return nameOrArn;
        }
        String name = nameOrArn.substring(prefix.length());
        return parameters.containsKey(name) ? name : name.substring(1);
    }
}
