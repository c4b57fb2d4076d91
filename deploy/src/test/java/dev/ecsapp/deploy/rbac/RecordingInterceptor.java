package dev.ecsapp.deploy.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sits in the operator's Kubernetes client and records every request it sends. Two requests it sends elsewhere, to a
 * small local server, because the sandbox cannot answer them as a real API server would: the SelfSubjectRulesReview
 * with which java-operator-sdk checks its Lease rights before leader election (answered from the chart's RBAC, as the
 * authorizer would), and the first write to an app, answered 409 Conflict as when someone edits the app at the same
 * moment, so that the operator's conflict path (read the app again, retry) runs and its requests are recorded too.
 */
final class RecordingInterceptor implements Interceptor, AutoCloseable {

    /** A request as the client sent it, before any redirection. */
    record Sent(String method, URI uri) {
    }

    private final List<Sent> requests = new CopyOnWriteArrayList<>();
    private final AtomicBoolean conflictSent = new AtomicBoolean();
    private final AtomicInteger rulesReviews = new AtomicInteger();
    private final RbacGrants grants;
    private final boolean refuseLeases;
    private final HttpServer local;

    /**
     * @param grants       what the rules review answers
     * @param refuseLeases answer every Lease request 403, so that this operator never leads (see
     *                     {@link LeaseRightsCheck})
     */
    RecordingInterceptor(RbacGrants grants, boolean refuseLeases) throws IOException {
        this.grants = grants;
        this.refuseLeases = refuseLeases;
        local = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        local.createContext("/rules-review", this::answerRulesReview);
        local.createContext("/forbidden", exchange -> answer(exchange, 403, """
                {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Forbidden","code":403,
                 "message":"forbidden by the test"}"""));
        local.createContext("/conflict", exchange -> answer(exchange, 409, """
                {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Conflict","code":409,
                 "message":"the object has been modified; please apply your changes to the latest version"}"""));
        local.start();
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        requests.add(new Sent(request.method(), request.uri()));
        ApiRequest apiRequest = ApiRequest.of(request.method(), request.uri());
        if (apiRequest.is("create", "authorization.k8s.io", "selfsubjectrulesreviews")) {
            builder.uri(localUri("/rules-review"));
        } else if (refuseLeases && "leases".equals(apiRequest.resource())) {
            builder.uri(localUri("/forbidden"));
        } else if (apiRequest.is("patch", "ecsapp.dev", "ecsapps") && conflictSent.compareAndSet(false, true)) {
            builder.uri(localUri("/conflict"));
        }
    }

    /** Every request so far, in the order sent. */
    List<Sent> requests() {
        return List.copyOf(requests);
    }

    boolean sentConflict() {
        return conflictSent.get();
    }

    int rulesReviewsAnswered() {
        return rulesReviews.get();
    }

    private URI localUri(String path) {
        return URI.create("http://127.0.0.1:" + local.getAddress().getPort() + path);
    }

    private void answerRulesReview(HttpExchange exchange) throws IOException {
        JsonNode review = Serialization.jsonMapper().readTree(exchange.getRequestBody());
        String namespace = review.path("spec").path("namespace").asText();
        ObjectNode answer = review.deepCopy();
        ObjectNode status = answer.putObject("status");
        status.put("incomplete", false);
        status.putArray("nonResourceRules");
        var resourceRules = status.putArray("resourceRules");
        for (PolicyRule rule : grants.rulesIn(namespace)) {
            ObjectNode resourceRule = resourceRules.addObject();
            resourceRule.set("apiGroups", Serialization.jsonMapper().valueToTree(rule.getApiGroups()));
            resourceRule.set("resources", Serialization.jsonMapper().valueToTree(rule.getResources()));
            resourceRule.set("resourceNames", Serialization.jsonMapper().valueToTree(rule.getResourceNames()));
            resourceRule.set("verbs", Serialization.jsonMapper().valueToTree(rule.getVerbs()));
        }
        rulesReviews.incrementAndGet();
        answer(exchange, 201, answer.toString());
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        try (exchange) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        local.stop(0);
    }
}
