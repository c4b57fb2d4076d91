package dev.ecsapp.sandbox.aws;

import dev.ecsapp.sandbox.aws.faults.FaultInjector;
import dev.ecsapp.sandbox.aws.protocol.AwsException;
import dev.ecsapp.sandbox.aws.protocol.JsonCodec;
import dev.ecsapp.sandbox.aws.protocol.QueryCodec;
import dev.ecsapp.sandbox.aws.throttling.Throttling;
import dev.ecsapp.sandbox.time.Scheduler;
import java.lang.reflect.InvocationTargetException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Turns one HTTP request into one call of a simulated service and its answer into an HTTP response: finds the
 * service (X-Amz-Target for JSON protocols, the SigV4 credential scope and Action for query protocols), applies
 * injected faults and throttling, decodes, invokes under the sandbox lock, encodes.
 */
public final class AwsDispatcher {

    /** An HTTP request as the dispatcher needs it. */
    public record Request(String method, String rawQuery, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** What to send back. */
    public record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
    }

    private static final Logger LOG = Logger.getLogger(AwsDispatcher.class.getName());
    private static final Pattern CREDENTIAL_SCOPE =
            Pattern.compile("Credential=([^/,\\s]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request");
    private static final String JSON_CONTENT_TYPE = "application/x-amz-json-1.1";

    private final Account account;
    private final Object lock;
    private final Scheduler scheduler;
    private final Throttling throttling;
    private final FaultInjector faults;
    private final CallLog calls;
    private final JsonCodec json = new JsonCodec();
    private final Map<String, Served> byTargetPrefix = new HashMap<>();
    private final Map<String, Served> bySigningName = new HashMap<>();

    private record Served(AwsApi api, Operations operations, QueryCodec query) {
    }

    public AwsDispatcher(Account account, Object lock, Scheduler scheduler, Throttling throttling,
            FaultInjector faults, CallLog calls, List<AwsApi> apis) {
        this.account = account;
        this.lock = lock;
        this.scheduler = scheduler;
        this.throttling = throttling;
        this.faults = faults;
        this.calls = calls;
        for (AwsApi api : apis) {
            ApiSpec spec = api.spec();
            QueryCodec query = switch (spec.protocol()) {
                case JSON -> null;
                case AWS_QUERY -> new QueryCodec(QueryCodec.Dialect.AWS_QUERY, spec.xmlNamespace());
                case EC2_QUERY -> new QueryCodec(QueryCodec.Dialect.EC2, spec.xmlNamespace());
            };
            Served served = new Served(api, new Operations(api), query);
            bySigningName.put(spec.signingName(), served);
            if (spec.jsonTargetPrefix() != null) {
                byTargetPrefix.put(spec.jsonTargetPrefix(), served);
            }
        }
    }

    public JsonCodec json() {
        return json;
    }

    public Response dispatch(Request request) {
        String requestId = UUID.randomUUID().toString();
        String target = request.header("x-amz-target");
        if (target != null) {
            return dispatchJson(request, target, requestId);
        }
        return dispatchQuery(request, requestId);
    }

    private Response dispatchJson(Request request, String target, String requestId) {
        int dot = target.lastIndexOf('.');
        Served served = dot < 0 ? null : byTargetPrefix.get(target.substring(0, dot));
        String action = dot < 0 ? target : target.substring(dot + 1);
        if (served == null) {
            return jsonError(new AwsException("UnknownOperationException", null), requestId);
        }
        String service = served.api().spec().signingName();
        try {
            checkAuthorization(request);
            Operations.Operation operation = served.operations().find(action);
            if (operation == null) {
                // AWS answers an operation it does not know with this code and no message.
                throw new AwsException("UnknownOperationException", null);
            }
            SdkPojo input = json.read(request.body(), operation.requestClass());
            SdkPojo output = invoke(served, operation, input);
            calls.record(service, action, "ok");
            return new Response(200, JSON_CONTENT_TYPE, json.write(output), Map.of("x-amzn-RequestId", requestId));
        } catch (AwsException e) {
            calls.record(service, action, e.code());
            return jsonError(e, requestId);
        }
    }

    private Response dispatchQuery(Request request, String requestId) {
        Map<String, String> params = formParameters(request);
        String action = params.remove("Action");
        params.remove("Version");
        Served served = null;
        String authorization = request.header("authorization");
        Matcher scope = authorization == null ? null : CREDENTIAL_SCOPE.matcher(authorization);
        if (scope != null && scope.find()) {
            served = bySigningName.get(scope.group(4));
        }
        if (served == null || served.query() == null) {
            QueryCodec generic = new QueryCodec(QueryCodec.Dialect.AWS_QUERY, "");
            AwsException error = authorization == null
                    ? new AwsException("MissingAuthenticationToken", "Request is missing Authentication Token", 403)
                    : new AwsException("InvalidAction", "The action " + action + " is not valid for this web service.");
            return new Response(error.status(), "text/xml", generic.error(error, requestId),
                    Map.of("x-amzn-RequestId", requestId));
        }
        String service = served.api().spec().signingName();
        try {
            checkAuthorization(request);
            Operations.Operation operation = action == null ? null : served.operations().find(action);
            if (operation == null) {
                throw new AwsException("InvalidAction", "The action " + action + " is not valid for this web service.");
            }
            SdkPojo input = served.query().read(params, operation.requestClass());
            SdkPojo output = invoke(served, operation, input);
            calls.record(service, action, "ok");
            return new Response(200, "text/xml", served.query().write(action, output, requestId),
                    Map.of("x-amzn-RequestId", requestId));
        } catch (AwsException e) {
            calls.record(service, action == null ? "(none)" : action, e.code());
            return new Response(e.status(), "text/xml", served.query().error(e, requestId),
                    Map.of("x-amzn-RequestId", requestId));
        }
    }

    private SdkPojo invoke(Served served, Operations.Operation operation, SdkPojo input) {
        String service = served.api().spec().signingName();
        long latency = faults.latencyFor(service, operation.name());
        if (latency > 0) {
            try {
                TimeUnit.MILLISECONDS.sleep(latency);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (lock) {
            scheduler.runDue();
            faults.maybeFail(service, operation.name());
            throttling.acquire(service, operation.name());
            try {
                return (SdkPojo) operation.method().invoke(served.api(), input);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof AwsException aws) {
                    throw aws;
                }
                LOG.log(Level.SEVERE, "operation " + operation.name() + " failed", e.getCause());
                throw new AwsException("InternalFailure", "The request processing has failed because of an unknown "
                        + "error, exception or failure.", 500);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Signatures are not checked (the sandbox has no secrets to check them with), but a request must carry a SigV4
     * authorization scoped to this endpoint's region, as a regional AWS endpoint demands.
     */
    private void checkAuthorization(Request request) {
        String authorization = request.header("authorization");
        if (authorization == null) {
            throw new AwsException("MissingAuthenticationTokenException", "Missing Authentication Token", 403);
        }
        Matcher scope = CREDENTIAL_SCOPE.matcher(authorization);
        if (!scope.find()) {
            throw new AwsException("IncompleteSignatureException", "Authorization header requires 'Credential' "
                    + "parameter.", 403);
        }
        if (!scope.group(3).equals(account.region())) {
            throw new AwsException("InvalidSignatureException", "Credential should be scoped to a valid region, not '"
                    + scope.group(3) + "'. ", 403);
        }
    }

    private Response jsonError(AwsException error, String requestId) {
        return new Response(error.status(), JSON_CONTENT_TYPE, json.error(error),
                Map.of("x-amzn-RequestId", requestId, "x-amzn-ErrorType", error.code()));
    }

    private static Map<String, String> formParameters(Request request) {
        Map<String, String> params = new LinkedHashMap<>();
        parseForm(request.rawQuery(), params);
        String contentType = request.header("content-type");
        if (contentType == null || contentType.startsWith("application/x-www-form-urlencoded")) {
            parseForm(new String(request.body(), StandardCharsets.UTF_8), params);
        }
        return params;
    }

    private static void parseForm(String form, Map<String, String> into) {
        if (form == null || form.isEmpty()) {
            return;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.put(name, value);
        }
    }
}
