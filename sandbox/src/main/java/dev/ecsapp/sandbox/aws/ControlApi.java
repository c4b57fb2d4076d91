package dev.ecsapp.sandbox.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsapp.sandbox.aws.faults.Fault;
import dev.ecsapp.sandbox.aws.faults.FaultInjector;
import dev.ecsapp.sandbox.aws.protocol.JsonCodec;
import dev.ecsapp.sandbox.aws.throttling.Throttling;
import dev.ecsapp.sandbox.time.Scheduler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's own API under {@value #PREFIX}, for tests and benchmarks: reset, dump state, inject faults, move
 * simulated time, make an image tag fail, set simulated metrics, count calls, switch throttling.
 *
 * <pre>
 * POST   /_sandbox/reset                      forget everything (the network and the default cluster come back)
 * GET    /_sandbox/state                      every resource, as JSON (an ALB listener's local URL: LocalUrl)
 * GET    /_sandbox/calls    DELETE ...        calls by service, action and outcome
 * GET    /_sandbox/faults   POST ...  DELETE  injected faults; POST {service, action, errorCode, status, message,
 *                                             rate, failNext, latencyMs}
 * GET    /_sandbox/time     POST ...          {now, speed}; POST {advanceSeconds, speed}
 * POST   /_sandbox/throttling                 {enabled}
 * POST   /_sandbox/images/fail                {repository, tag}: pulls of that tag fail from now on
 * POST   /_sandbox/metrics                    {resourceId, metric, value}: the load target tracking sees
 * </pre>
 * A bad request answers 400 with {@code {"error": "..."}}; an unknown path 404.
 */
public final class ControlApi {

    public static final String PREFIX = "/_sandbox/";

    private final Object lock;
    private final Scheduler scheduler;
    private final Throttling throttling;
    private final FaultInjector faults;
    private final CallLog calls;
    private final List<AwsApi> apis;
    private final ImageRegistry images;
    private final SimulatedMetrics metrics;
    private final JsonCodec json = new JsonCodec();
    private final ObjectMapper mapper = json.mapper();

    public ControlApi(Object lock, Scheduler scheduler, Throttling throttling, FaultInjector faults, CallLog calls,
            List<AwsApi> apis, ImageRegistry images, SimulatedMetrics metrics) {
        this.lock = lock;
        this.scheduler = scheduler;
        this.throttling = throttling;
        this.faults = faults;
        this.calls = calls;
        this.apis = apis;
        this.images = images;
        this.metrics = metrics;
    }

    public AwsDispatcher.Response handle(String method, String path, byte[] body) {
        String route = method + " " + path.substring(PREFIX.length() - 1);
        try {
            JsonNode input = json.tree(body);
            synchronized (lock) {
                scheduler.runDue();
                return switch (route) {
                    case "POST /reset" -> reset();
                    case "GET /state" -> ok(state());
                    case "GET /calls" -> ok(mapper.valueToTree(calls.snapshot()));
                    case "DELETE /calls" -> {
                        calls.clear();
                        yield ok(mapper.createObjectNode());
                    }
                    case "GET /faults" -> ok(mapper.valueToTree(faults.list()));
                    case "POST /faults" -> {
                        faults.add(fault(input));
                        yield ok(mapper.valueToTree(faults.list()));
                    }
                    case "DELETE /faults" -> {
                        faults.clear();
                        yield ok(mapper.createArrayNode());
                    }
                    case "GET /time" -> ok(time());
                    case "POST /time" -> time(input);
                    case "POST /throttling" -> {
                        throttling.setEnabled(required(input, "enabled").asBoolean());
                        yield ok(mapper.createObjectNode().put("enabled", throttling.enabled()));
                    }
                    case "POST /images/fail" -> {
                        images.failTag(required(input, "repository").asText(), required(input, "tag").asText());
                        yield ok(mapper.createObjectNode());
                    }
                    case "POST /metrics" -> {
                        metrics.set(required(input, "resourceId").asText(), required(input, "metric").asText(),
                                required(input, "value").asDouble());
                        yield ok(mapper.valueToTree(metrics.all()));
                    }
                    default -> new AwsDispatcher.Response(404, "application/json",
                            error("no such control route: " + route), Map.of());
                };
            }
        } catch (IOException | IllegalArgumentException e) {
            return new AwsDispatcher.Response(400, "application/json", error(e.getMessage()), Map.of());
        }
    }

    private AwsDispatcher.Response reset() {
        apis.forEach(AwsApi::reset);
        scheduler.clear();
        throttling.reset();
        faults.clear();
        calls.clear();
        metrics.clear();
        return ok(mapper.createObjectNode().put("reset", true));
    }

    private ObjectNode state() {
        ObjectNode state = mapper.createObjectNode();
        state.put("time", scheduler.now().toString());
        for (AwsApi api : apis) {
            state.set(api.spec().signingName(), api.state(json));
        }
        return state;
    }

    private ObjectNode time() {
        return mapper.createObjectNode().put("now", scheduler.now().toString())
                .put("speed", scheduler.clock().speed()).put("pendingEvents", scheduler.pending());
    }

    private AwsDispatcher.Response time(JsonNode input) {
        if (input.has("speed")) {
            scheduler.clock().setSpeed(input.get("speed").asDouble());
        }
        if (input.has("advanceSeconds")) {
            double seconds = input.get("advanceSeconds").asDouble();
            if (!(seconds >= 0 && seconds <= 30 * 24 * 3600)) {
                throw new IllegalArgumentException("advanceSeconds must be from 0 to 2592000 (30 days)");
            }
            scheduler.clock().advance(Duration.ofMillis((long) (seconds * 1000)));
            scheduler.runDue();
        }
        return ok(time());
    }

    private static Fault fault(JsonNode input) {
        String errorCode = input.hasNonNull("errorCode") ? input.get("errorCode").asText() : null;
        long latency = input.path("latencyMs").asLong(0);
        if (errorCode == null && latency <= 0) {
            throw new IllegalArgumentException("a fault needs an errorCode, a latencyMs, or both");
        }
        if (latency < 0 || latency > 60_000) {
            throw new IllegalArgumentException("latencyMs must be from 0 to 60000");
        }
        double rate = input.path("rate").asDouble(1.0);
        return new Fault(input.hasNonNull("service") ? input.get("service").asText() : null,
                input.path("action").asText("*"), errorCode, input.path("status").asInt(400),
                input.hasNonNull("message") ? input.get("message").asText() : null, rate,
                input.path("failNext").asInt(0), latency);
    }

    private static JsonNode required(JsonNode input, String field) {
        if (!input.hasNonNull(field)) {
            throw new IllegalArgumentException("missing field: " + field);
        }
        return input.get(field);
    }

    private AwsDispatcher.Response ok(JsonNode body) {
        try {
            return new AwsDispatcher.Response(200, "application/json", mapper.writeValueAsBytes(body), Map.of());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] error(String message) {
        return ("{\"error\":" + mapper.valueToTree(message == null ? "bad request" : message) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
