package dev.ecsapp.sandbox.kubernetes.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ecsapp.sandbox.kubernetes.JsonMergePatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Turns one HTTP request into a store operation and its answer, with kube-apiserver's paths, verbs and errors. */
final class RestHandler {

    private static final Logger LOG = Logger.getLogger(RestHandler.class.getName());
    static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String APPLICATION_JSON = "application/json";
    private static final String AGGREGATED_DISCOVERY =
            "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    private static final int PATCH_ATTEMPTS = 5;
    /**
     * Patches of one object run one at a time. A patch names no resourceVersion, so kube-apiserver reads, patches and
     * compares-and-swaps until it wins; here, two patches of the same object in flight would each read the same
     * version, and all but one would lose their few retries to the others under load and answer 409.
     */
    private final Object[] patchStripes = new Object[64];
    /** kube-apiserver's --min-request-timeout: a watch without timeoutSeconds ends within this. */
    private static final Duration LONGEST_WATCH = Duration.ofMinutes(30);

    /** What a request gets: a whole response, or a watch stream the listener keeps open. */
    sealed interface Answer permits Whole, Watching, WatchError {
    }

    record Whole(HttpResponse response) implements Answer {
    }

    record Watching(Store.Subscription subscription, boolean table, Tables.Include include, Duration timeout,
            boolean bookmarks, Long initialEventsEnd) implements Answer {
    }

    /** A watch that can only end at once with one ERROR event, as kube-apiserver answers one from too old a version. */
    record WatchError(ObjectNode status) implements Answer {
    }

    /** Where a resource request points: the resource, its namespace and name, and a subresource. */
    private record Target(Kind kind, String namespace, String name, String subresource) {
    }

    private final Store store;
    private final FieldManager fieldManager = new FieldManager(java.time.Clock.systemUTC());
    private final ApiDiscovery discovery;
    private final Tables tables;
    private final int watchQueueLimit;
    private final OpenApi openApi;
    private final Admission admission;

    RestHandler(Store store, Tables tables, int watchQueueLimit) {
        java.util.Arrays.setAll(patchStripes, i -> new Object());
        this.store = store;
        this.tables = tables;
        this.watchQueueLimit = watchQueueLimit;
        this.discovery = new ApiDiscovery(this::kinds);
        this.openApi = new OpenApi(() -> store.customKinds().all());
        this.admission = new Admission(() -> store.customKinds().all());
    }

    List<Kind> kinds() {
        List<Kind> kinds = new ArrayList<>(BuiltInKinds.ALL);
        kinds.addAll(store.customKinds().all());
        return kinds;
    }

    Answer handle(HttpRequest request) {
        try {
            if (!request.acceptsJson()) {
                throw new ApiException(Statuses.notAcceptable().status());
            }
            return route(request);
        } catch (ApiException e) {
            return whole(e.code(), e.status());
        } catch (JsonProcessingException e) {
            return whole(400, Statuses.badRequest("the object provided is unrecognized: "
                    + e.getOriginalMessage()).status());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "request failed: " + request.method() + " " + request.path(), e);
            return whole(500, Statuses.internal(String.valueOf(e.getMessage())).status());
        }
    }

    private Answer route(HttpRequest request) throws IOException {
        String path = request.path().length() > 1 && request.path().endsWith("/")
                ? request.path().substring(0, request.path().length() - 1) : request.path();
        boolean get = request.method().equals("GET") || request.method().equals("HEAD");
        if (get) {
            Optional<Answer> served = nonResource(request, path);
            if (served.isPresent()) {
                return served.get();
            }
        }
        if (request.method().equals("POST") && path.startsWith("/apis/authorization.k8s.io/v1/selfsubject")) {
            return everythingAllowed(request, path);
        }
        Target target = target(path);
        return switch (request.method()) {
            case "GET", "HEAD" -> target.name() == null ? listOrWatch(request, target) : read(request, target);
            case "POST" -> {
                if (target.name() != null) {
                    throw Statuses.methodNotAllowed("the server does not allow this method on the requested resource");
                }
                Admission.Admitted admitted = admit(request, target, body(request, target, null), null, null);
                yield warned(whole(201, store.create(target.kind(), target.namespace(), admitted.object(),
                        recordingUpdate(request, target.kind(), null))), admitted);
            }
            case "PUT" -> write(request, target);
            case "PATCH" -> patch(request, target);
            case "DELETE" -> target.name() == null ? deleteCollection(request, target) : delete(request, target);
            default -> throw Statuses.methodNotAllowed("the server does not allow this method on the requested resource");
        };
    }

    private Optional<Answer> nonResource(HttpRequest request, String path) {
        switch (path) {
            case "/version":
                return Optional.of(whole(200, discovery.version()));
            case "/healthz", "/readyz", "/livez":
                return Optional.of(new Whole(new HttpResponse(200, "text/plain; charset=utf-8",
                        "ok".getBytes(StandardCharsets.UTF_8), Map.of())));
            case "/api":
                return Optional.of(request.wantsAggregatedDiscovery()
                        ? aggregated(discovery.aggregated(true)) : whole(200, discovery.coreVersions()));
            case "/apis":
                return Optional.of(request.wantsAggregatedDiscovery()
                        ? aggregated(discovery.aggregated(false)) : whole(200, discovery.groups()));
            default:
                break;
        }
        if (path.startsWith("/openapi/")) {
            return Optional.of(openApi(path));
        }
        String[] parts = path.substring(1).split("/");
        if (parts[0].equals("api") && parts.length == 2) {
            return Optional.of(whole(200, discovery.resources(parts[1]).orElseThrow(Statuses::notFoundPath)));
        }
        if (parts[0].equals("apis") && parts.length == 2) {
            return Optional.of(whole(200, discovery.group(parts[1]).orElseThrow(Statuses::notFoundPath)));
        }
        if (parts[0].equals("apis") && parts.length == 3) {
            return Optional.of(whole(200, discovery.resources(parts[1] + "/" + parts[2])
                    .orElseThrow(Statuses::notFoundPath)));
        }
        return Optional.empty();
    }

    /** OpenAPI v3, which kubectl reads, and v2 (as JSON; a client asking only for v2's protobuf gets 406). */
    private Answer openApi(String path) {
        if (path.equals("/openapi/v2")) {
            return new Whole(new HttpResponse(200, APPLICATION_JSON, openApi.swagger(), Map.of()));
        }
        if (path.equals("/openapi/v3")) {
            return new Whole(new HttpResponse(200, APPLICATION_JSON, openApi.index(), Map.of()));
        }
        if (path.startsWith("/openapi/v3/")) {
            byte[] document = openApi.document(path.substring("/openapi/v3/".length()))
                    .orElseThrow(Statuses::notFoundPath);
            return new Whole(new HttpResponse(200, APPLICATION_JSON, document, Map.of()));
        }
        throw Statuses.notFoundPath();
    }

    private Target target(String path) {
        String[] parts = path.substring(1).split("/");
        String group;
        String version;
        int rest;
        if (parts[0].equals("api") && parts.length >= 3) {
            group = "";
            version = parts[1];
            rest = 2;
        } else if (parts[0].equals("apis") && parts.length >= 4) {
            group = parts[1];
            version = parts[2];
            rest = 3;
        } else {
            throw Statuses.notFoundPath();
        }
        List<String> r = List.of(parts).subList(rest, parts.length);
        if (r.size() >= 3 && r.get(0).equals("namespaces")) {
            Optional<Kind> namespaced = kind(group, version, r.get(2)).filter(Kind::namespaced);
            if (namespaced.isPresent()) {
                if (r.size() > 5) {
                    throw Statuses.notFoundPath();
                }
                return new Target(namespaced.get(), r.get(1), r.size() > 3 ? r.get(3) : null,
                        r.size() > 4 ? r.get(4) : null);
            }
        }
        if (r.size() > 3) {
            throw Statuses.notFoundPath();
        }
        Kind kind = kind(group, version, r.get(0)).orElseThrow(Statuses::notFoundPath);
        String name = r.size() > 1 ? r.get(1) : null;
        if (kind.namespaced() && name != null) {
            throw Statuses.notFoundPath();
        }
        String subresource = r.size() > 2 ? r.get(2) : null;
        return new Target(kind, null, name, subresource);
    }

    private Optional<Kind> kind(String group, String version, String plural) {
        return kinds().stream()
                .filter(k -> k.group().equals(group) && k.version().equals(version) && k.plural().equals(plural))
                .findFirst();
    }

    private Answer read(HttpRequest request, Target target) {
        ObjectNode object = store.get(target.kind(), target.namespace(), target.name());
        String subresource = subresource(target);
        if ("scale".equals(subresource)) {
            return whole(200, Scales.of(target.kind(), object));
        }
        if (request.wantsTable() && subresource == null) {
            return whole(200, tables.table(target.kind(), List.of(object), null, null, true,
                    Tables.include(request.param("includeObject"))));
        }
        return whole(200, object);
    }

    private Answer listOrWatch(HttpRequest request, Target target) {
        Predicate<JsonNode> filter = Selectors.labels(request.param("labelSelector"))
                .and(Selectors.fields(request.param("fieldSelector"), target.kind()));
        if (request.flag("watch") || request.webSocketUpgrade()) {
            return watch(request, target, filter);
        }
        int limit = parseInt(request.param("limit"), 0);
        String continueToken = request.param("continue");
        String after = continueToken == null || continueToken.isEmpty() ? null
                : new String(Base64.getUrlDecoder().decode(continueToken), StandardCharsets.UTF_8);
        Store.Listing listing = store.list(target.kind(), target.namespace(), filter, limit, after);
        String next = listing.continueKey() == null ? null
                : Base64.getUrlEncoder().encodeToString(listing.continueKey().getBytes(StandardCharsets.UTF_8));
        String version = Long.toString(listing.resourceVersion());
        if (request.wantsTable()) {
            return whole(200, tables.table(target.kind(), listing.items(), version, next, true,
                    Tables.include(request.param("includeObject"))));
        }
        ObjectNode list = JSON.createObjectNode();
        list.put("apiVersion", target.kind().groupVersion());
        list.put("kind", target.kind().listKind());
        ObjectNode metadata = list.putObject("metadata").put("resourceVersion", version);
        if (next != null) {
            metadata.put("continue", next).put("remainingItemCount", listing.remaining());
        }
        ArrayNode items = list.putArray("items");
        listing.items().forEach(items::add);
        return whole(200, list);
    }

    private Answer watch(HttpRequest request, Target target, Predicate<JsonNode> filter) {
        String version = request.param("resourceVersion");
        boolean initialEvents = request.flag("sendInitialEvents");
        Long from = version == null || version.isEmpty() || initialEvents ? null : parseLong(version);
        Store.Subscription subscription;
        try {
            subscription = store.watch(target.kind(), target.namespace(), filter, from, watchQueueLimit);
        } catch (ApiException e) {
            if (e.code() == 410) {
                return new WatchError(e.status());
            }
            throw e;
        }
        long timeoutSeconds = parseInt(request.param("timeoutSeconds"), 0);
        Duration timeout = timeoutSeconds > 0 && timeoutSeconds < LONGEST_WATCH.getSeconds()
                ? Duration.ofSeconds(timeoutSeconds) : LONGEST_WATCH;
        return new Watching(subscription, request.wantsTable(), Tables.include(request.param("includeObject")),
                timeout, request.flag("allowWatchBookmarks"),
                initialEvents ? subscription.snapshotVersion() : null);
    }

    private Answer write(HttpRequest request, Target target) throws IOException {
        requireName(target);
        String subresource = subresource(target);
        if ("scale".equals(subresource)) {
            ObjectNode scale = (ObjectNode) parse(request);
            return whole(200, scaleTo(request, target, scale));
        }
        ObjectNode body = body(request, target, target.name());
        JsonNode current = target.kind().schema() == null ? null
                : store.get(target.kind(), target.namespace(), target.name());
        Admission.Admitted admitted = admit(request, target, body, current, subresource);
        return warned(whole(200, store.update(target.kind(), target.namespace(), target.name(), admitted.object(),
                "status".equals(subresource), recordingUpdate(request, target.kind(), subresource))), admitted);
    }

    private Answer patch(HttpRequest request, Target target) throws IOException {
        requireName(target);
        Object stripe = patchStripes[Math.floorMod(java.util.Objects.hash(target.kind().storageKey(),
                target.namespace(), target.name()), patchStripes.length)];
        synchronized (stripe) {
            return patchOne(request, target);
        }
    }

    private Answer patchOne(HttpRequest request, Target target) throws IOException {
        String subresource = subresource(target);
        String type = request.mediaType();
        Patches.requireSupported(type, target.kind(), request);
        if (type.equals(Patches.APPLY)) {
            return apply(request, target, subresource);
        }
        JsonNode patch = JSON.readTree(request.body());
        for (int attempt = 1; ; attempt++) {
            ObjectNode current = store.get(target.kind(), target.namespace(), target.name());
            JsonNode document = "scale".equals(subresource) ? Scales.of(target.kind(), current) : current;
            JsonNode patched = switch (type) {
                case "application/json-patch+json" -> JsonPatch.apply(document, patch);
                case Patches.STRATEGIC -> StrategicMergePatch.apply(target.kind(), document, patch);
                default -> JsonMergePatch.apply(document, patch);
            };
            if (!patched.isObject()) {
                throw Statuses.badRequest("the patch made the object something other than a JSON object");
            }
            try {
                if ("scale".equals(subresource)) {
                    return whole(200, scaleTo(request, target, (ObjectNode) patched));
                }
                Admission.Admitted admitted = admit(request, target, (ObjectNode) patched, current, subresource);
                return warned(whole(200, store.update(target.kind(), target.namespace(), target.name(),
                        admitted.object(), "status".equals(subresource),
                        recordingUpdate(request, target.kind(), subresource))), admitted);
            } catch (ApiException e) {
                // A patch that names no resourceVersion applies to whatever is current: kube-apiserver retries it.
                if (e.code() != 409 || attempt == PATCH_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private ObjectNode scaleTo(HttpRequest request, Target target, ObjectNode scale) {
        Kind kind = target.kind();
        ObjectNode current = store.get(kind, target.namespace(), target.name()).deepCopy();
        String wanted = scale.path("metadata").path("resourceVersion").asText("");
        if (!wanted.isEmpty()) {
            current.with("metadata").put("resourceVersion", wanted);
        }
        Trees.put(current, kind.scale().specReplicasPath(), scale.path("spec").path("replicas"));
        ObjectNode admitted = admission.admit(kind, current, current, false, "Ignore").object();
        ObjectNode stored = store.update(kind, target.namespace(), target.name(), admitted, false,
                recordingUpdate(request, kind, "scale"));
        return Scales.of(kind, stored);
    }

    private Answer delete(HttpRequest request, Target target) throws IOException {
        if (target.subresource() != null) {
            throw Statuses.methodNotAllowed("the server does not allow this method on the requested resource");
        }
        JsonNode options = request.body().length == 0 ? JSON.createObjectNode() : parse(request);
        boolean dryRun = Patches.dryRun(request, options);
        JsonNode preconditions = options.path("preconditions");
        GarbageCollector.Propagation propagation = GarbageCollector.Propagation.of(target.kind(), target.name(),
                options, request.param("propagationPolicy"), request.param("orphanDependents"));
        Store.Deletion deletion = store.delete(target.kind(), target.namespace(), target.name(),
                preconditions.path("uid").asText(null), preconditions.path("resourceVersion").asText(null), dryRun,
                propagation);
        return whole(deletion.gone() ? 200 : 202, deletion.object());
    }

    private Answer deleteCollection(HttpRequest request, Target target) throws IOException {
        JsonNode options = request.body().length == 0 ? JSON.createObjectNode() : parse(request);
        boolean dryRun = Patches.dryRun(request, options);
        GarbageCollector.Propagation propagation = GarbageCollector.Propagation.of(target.kind(), "", options,
                request.param("propagationPolicy"), request.param("orphanDependents"));
        Predicate<JsonNode> filter = Selectors.labels(request.param("labelSelector"))
                .and(Selectors.fields(request.param("fieldSelector"), target.kind()));
        Store.Listing listing = store.list(target.kind(), target.namespace(), filter, 0, null);
        ObjectNode list = JSON.createObjectNode().put("apiVersion", target.kind().groupVersion())
                .put("kind", target.kind().listKind());
        list.putObject("metadata");
        ArrayNode items = list.putArray("items");
        for (ObjectNode object : listing.items()) {
            try {
                items.add(store.delete(target.kind(), object.path("metadata").path("namespace").asText(null),
                        object.path("metadata").path("name").asText(), null, null, dryRun, propagation).object());
            } catch (ApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
        return whole(200, list);
    }

    /** A custom resource checked against its schema (see {@link Admission}); built-in kinds pass as they are. */
    private Admission.Admitted admit(HttpRequest request, Target target, ObjectNode candidate, JsonNode current,
            String subresource) {
        return admission.admit(target.kind(), candidate, current, "status".equals(subresource),
                request.param("fieldValidation"));
    }

    /** The answer with one {@code Warning} header value per warning, as kube-apiserver sends them. */
    private static Whole warned(Whole answer, Admission.Admitted admitted) {
        if (admitted.warnings().isEmpty()) {
            return answer;
        }
        StringBuilder header = new StringBuilder();
        for (String warning : admitted.warnings()) {
            header.append(header.length() == 0 ? "" : ", ").append("299 - ")
                    .append(JSON.getNodeFactory().textNode(warning));
        }
        HttpResponse response = answer.response();
        Map<String, String> headers = new java.util.HashMap<>(response.headers());
        headers.put("Warning", header.toString());
        return new Whole(new HttpResponse(response.code(), response.contentType(), response.body(), headers));
    }

    /** The body of a create or an update, checked against the path as kube-apiserver checks it. */
    private ObjectNode body(HttpRequest request, Target target, String name) throws IOException {
        return checked(parse(request), target, name);
    }

    private static ObjectNode checked(JsonNode parsed, Target target, String name) {
        if (!parsed.isObject()) {
            throw Statuses.badRequest("the object provided is unrecognized: not a JSON object");
        }
        ObjectNode body = (ObjectNode) parsed;
        Kind kind = target.kind();
        String apiVersion = body.path("apiVersion").asText(kind.groupVersion());
        if (!apiVersion.equals(kind.groupVersion())) {
            throw Statuses.badRequest("the API version in the data (" + apiVersion
                    + ") does not match the expected API version (" + kind.groupVersion() + ")");
        }
        String kindName = body.path("kind").asText(kind.kind());
        if (!kindName.equals(kind.kind())) {
            throw Statuses.badRequest("the kind in the data (" + kindName + ") does not match the expected kind ("
                    + kind.kind() + ")");
        }
        JsonNode metadata = body.path("metadata");
        String namespace = metadata.path("namespace").asText("");
        if (kind.namespaced() && !namespace.isEmpty() && !namespace.equals(target.namespace())) {
            throw Statuses.badRequest("the namespace of the provided object does not match the namespace sent on "
                    + "the request");
        }
        if (name != null && !metadata.path("name").asText("").equals(name)) {
            throw Statuses.badRequest("the name of the object (" + metadata.path("name").asText("")
                    + ") does not match the name on the URL (" + name + ")");
        }
        return body;
    }

    private JsonNode parse(HttpRequest request) throws IOException {
        String type = request.mediaType();
        if (type.isEmpty() || type.equals(APPLICATION_JSON)) {
            return JSON.readTree(request.body());
        }
        if (type.equals("application/yaml")) {
            return YAML.readTree(request.body());
        }
        if (type.equals(Protobuf.MEDIA_TYPE)) {
            return Protobuf.decode(request.body());
        }
        throw Statuses.unsupportedMediaType(type, List.of(APPLICATION_JSON, "application/yaml"));
    }

    /** A write other than apply records an Update entry in managedFields for the fields it changed. */
    private Store.Write recordingUpdate(HttpRequest request, Kind kind, String subresource) {
        String manager = Patches.manager(request);
        String owned = "scale".equals(subresource) ? null : subresource;
        return new Store.Write((current, next) -> fieldManager.update(kind, current, next, manager, owned),
                Patches.dryRun(request, JSON.createObjectNode()));
    }

    /**
     * Server-side apply: the applied configuration merged into the live object (created when absent) with field
     * ownership; retried on a write that came in between, as any patch.
     */
    private Answer apply(HttpRequest request, Target target, String subresource) throws IOException {
        if ("scale".equals(subresource)) {
            throw Statuses.unsupportedMediaType(Patches.APPLY, List.of("application/json-patch+json",
                    "application/merge-patch+json"));
        }
        JsonNode parsed = readYamlOrJson(request.body());
        if (parsed == null || !parsed.isObject()) {
            throw Statuses.badRequest("error decoding YAML: the applied configuration is not an object");
        }
        if (!parsed.hasNonNull("apiVersion") || !parsed.hasNonNull("kind")) {
            throw Statuses.badRequest("Object 'Kind' is missing in '" + JSON.writeValueAsString(parsed) + "'");
        }
        ObjectNode config = checked(parsed, target, target.name());
        Kind kind = target.kind();
        String manager = request.param("fieldManager");
        boolean dryRun = Patches.dryRun(request, JSON.createObjectNode());
        for (int attempt = 1; ; attempt++) {
            ObjectNode live = store.find(kind, target.namespace(), target.name());
            if (live == null && subresource != null) {
                throw Statuses.notFound(kind, target.name());
            }
            ObjectNode applied = fieldManager.apply(kind, live, config, manager, request.flag("force"), subresource);
            JsonNode managedFields = applied.path("metadata").get("managedFields");
            // An apply is admitted like any other write: the schema, its defaults and CEL rules, unknown fields.
            Admission.Admitted admitted = admit(request, target, applied, live, subresource);
            ObjectNode merged = admitted.object();
            Store.Write write = new Store.Write((current, next) -> {
                if (managedFields != null) {
                    next.with("metadata").set("managedFields", managedFields);
                }
            }, dryRun);
            try {
                if (live == null) {
                    return warned(whole(201, store.create(kind, target.namespace(), merged, write)), admitted);
                }
                return warned(whole(200, store.update(kind, target.namespace(), target.name(), merged,
                        "status".equals(subresource), write)), admitted);
            } catch (ApiException e) {
                if (e.code() != 409 || attempt == PATCH_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * An applied configuration is YAML, and JSON is YAML; clients (kubectl, fabric8, Flux) send JSON, which Jackson's
     * JSON parser reads in a fraction of the YAML parser's time and garbage.
     */
    private static JsonNode readYamlOrJson(byte[] body) throws IOException {
        for (byte b : body) {
            if (b == '{') {
                try {
                    return JSON.readTree(body);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    break;
                }
            }
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                break;
            }
        }
        return YAML.readTree(body);
    }

    private static String subresource(Target target) {
        String subresource = target.subresource();
        if (subresource == null) {
            return null;
        }
        if (subresource.equals("status") && target.kind().statusSubresource()
                || subresource.equals("scale") && target.kind().scale() != null) {
            return subresource;
        }
        throw Statuses.notFoundPath();
    }

    private static void requireName(Target target) {
        if (target.name() == null) {
            throw Statuses.methodNotAllowed("the server does not allow this method on the requested resource");
        }
    }

    /**
     * The sandbox has no RBAC: whoever asks may do everything, and a self-subject review says so (java-operator-sdk
     * asks for a SelfSubjectRulesReview before leader election; {@code kubectl auth can-i} for an access review).
     */
    private Answer everythingAllowed(HttpRequest request, String path) throws IOException {
        ObjectNode review = (ObjectNode) parse(request);
        ObjectNode status = review.putObject("status");
        if (path.endsWith("selfsubjectrulesreviews")) {
            status.put("incomplete", false);
            ObjectNode rule = status.putArray("resourceRules").addObject();
            rule.putArray("verbs").add("*");
            rule.putArray("apiGroups").add("*");
            rule.putArray("resources").add("*");
            ObjectNode nonResource = status.putArray("nonResourceRules").addObject();
            nonResource.putArray("verbs").add("*");
            nonResource.putArray("nonResourceURLs").add("*");
        } else {
            status.put("allowed", true);
        }
        return whole(201, review);
    }

    private static Answer aggregated(ObjectNode list) {
        return new Whole(new HttpResponse(200, AGGREGATED_DISCOVERY, bytes(list), Map.of()));
    }

    static Whole whole(int code, JsonNode body) {
        return new Whole(new HttpResponse(code, APPLICATION_JSON, bytes(body), Map.of()));
    }

    static byte[] bytes(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int parseInt(String value, int otherwise) {
        try {
            return value == null || value.isEmpty() ? otherwise : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw Statuses.badRequest("invalid integer: " + value);
        }
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw Statuses.badRequest("invalid resource version: " + value);
        }
    }
}
