package dev.ecsapp.operator.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsapp.operator.EcsAppOperator;
import dev.ecsapp.operator.api.v1alpha1.Condition;
import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import dev.ecsapp.operator.aws.AwsClients;
import dev.ecsapp.operator.config.ListenerRulePolicy;
import dev.ecsapp.operator.config.OperatorConfig;
import dev.ecsapp.operator.config.OperatorDefaults;
import dev.ecsapp.operator.metrics.OperatorMetrics;
import dev.ecsapp.sandbox.Sandbox;
import dev.ecsapp.sandbox.SandboxConfig;
import dev.ecsapp.sandbox.kubernetes.KubernetesApi;
import dev.ecsapp.sandbox.aws.ec2.Ec2Api;
import dev.ecsapp.sandbox.kubernetes.KubernetesApi;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The whole sandbox in-process (its Kubernetes API and its AWS), the EcsApp CRD installed, and the operator
 * started against it, for one test class: register it as a static {@code @RegisterExtension} field. Simulated time
 * runs 60 times faster than real time; the operator polls every 300 ms while converging, checks the services of
 * Ready apps every 2 s and reconciles Ready apps in full every 6 s (unless a test asks otherwise), so a test sees
 * several resyncs within seconds. The operator can be stopped and a new one started on the same sandbox, as a
 * restart would. Public, with its helpers, because deploy/'s tests (the IAM policy's call log, the Argo CD health
 * check) drive the real operator through the test-jar too.
 */
public final class OperatorOnSandbox implements BeforeAllCallback, AfterAllCallback {

    public static final String NAMESPACE = "default";
    /** How often the operator checks the services of Ready apps in these tests. */
    public static final Duration POLL_WHEN_READY = Duration.ofSeconds(2);
    /** How often a Ready app gets a full reconcile in these tests, unless a test asks for another interval. */
    public static final Duration FULL_RESYNC = Duration.ofSeconds(6);

    /**
     * The API server the operator runs against: the sandbox's own, which speaks server-side apply like kube-apiserver,
     * so the operator runs with it on, as in production (the chart's default). {@code -Decsapp.test.kubernetes=mock}
     * runs the suite against fabric8's mock instead, with server-side apply off (the mock answers it 415).
     */
    public static final KubernetesApi.Server KUBERNETES = KubernetesApi.Server.named(
            System.getProperty("ecsapp.test.kubernetes", "own"));

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How AWS names the actions that change something, across the services the operator calls. */
    private static final List<String> WRITE_PREFIXES = List.of("Create", "Update", "Register", "Modify", "Put",
            "Delete", "Tag", "Untag", "Deregister", "Set", "Add", "Remove");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Sandbox sandbox;
    private KubernetesClient kubernetes;
    private AwsClients aws;
    private OperatorConfig config;
    private EcsAppOperator operator;
    private OperatorMetrics metrics;
    private final Duration fullResync;
    private final ListenerRulePolicy listenerRules;
    private boolean openSpecSchema;
    private KubernetesApi.Server server = KUBERNETES;

    /**
     * The sandbox with its own Kubernetes API server ({@code --kubernetes own}), and the operator on it with
     * server-side apply on, whatever {@link #KUBERNETES} says: for tests that need what only that server does (Helm,
     * GitOps apply shapes).
     */
    public static OperatorOnSandbox onOwnApiServer() {
        OperatorOnSandbox extension = new OperatorOnSandbox();
        extension.server = KubernetesApi.Server.OWN;
        return extension;
    }

    public OperatorOnSandbox() {
        this(FULL_RESYNC);
    }

    /** @param fullResync how often a Ready app gets a full reconcile (its service is checked every 2 s anyway) */
    public OperatorOnSandbox(Duration fullResync) {
        this(fullResync, ListenerRulePolicy.open());
    }

    /**
     * Installs the CRD with its spec schema open ({@code x-kubernetes-preserve-unknown-fields}, no rules), as a CRD
     * older or newer than the operator can leave it, or a server without validation: then objects that only the
     * operator's own reading and validation refuse can be stored, and the tests see the operator refuse them.
     */
    public OperatorOnSandbox withOpenSpecSchema() {
        this.openSpecSchema = true;
        return this;
    }

    /** @param listenerRules the operator's limits on rule priorities and hosts (--priority-namespaces, ...) */
    public OperatorOnSandbox(Duration fullResync, ListenerRulePolicy listenerRules) {
        this.fullResync = fullResync;
        this.listenerRules = listenerRules;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path dir = Files.createTempDirectory("operator-it");
        sandbox = Sandbox.start(SandboxConfig.ephemeral(dir.resolve("kubeconfig")).withThrottling(false)
                .withKubernetes(server));
        control("POST", "time", "{\"speed\":60}");
        kubernetes = sandbox.kubernetes().client();
        try (InputStream crd = Files.newInputStream(Path.of(System.getProperty("user.dir")).resolveSibling("crds")
                .resolve("ecsapps.ecsapp.dev-v1.yml"))) {
            var definition = kubernetes.apiextensions().v1().customResourceDefinitions().load(crd).item();
            if (openSpecSchema) {
                var schema = definition.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
                var open = new io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps();
                // No type either: a spec that is not even an object ("spec: just an image") can be stored too.
                open.setXKubernetesPreserveUnknownFields(true);
                schema.getProperties().put("spec", open);
                schema.setXKubernetesValidations(null);
            }
            kubernetes.resource(definition).create();
        }
        aws = new AwsClients(new AwsClients.Target(URI.create(sandbox.awsEndpoint()), Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAOPERATOR", "x"))));
        OperatorDefaults defaults = new OperatorDefaults("sandbox", "us-east-1",
                List.of(Ec2Api.PRIVATE_SUBNET_A, Ec2Api.PRIVATE_SUBNET_B), List.of(Ec2Api.TASKS_SECURITY_GROUP),
                listenerArn(), "arn:aws:iam::123456789012:role/ecsTaskExecutionRole", null);
        // Server-side apply on wherever the API server has it: the mock answers it 415.
        config = new OperatorConfig(defaults, Duration.ofMillis(300), POLL_WHEN_READY, fullResync, 0,
                server == KubernetesApi.Server.OWN, 0, false, List.of(), listenerRules);
        startOperator();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stopOperator();
        if (aws != null) {
            aws.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    /** Starts a new operator instance on the same sandbox and cluster (after {@link #stopOperator()}). */
    public void startOperator() {
        metrics = new OperatorMetrics();
        operator = new EcsAppOperator(config, kubernetes, aws, metrics, Clock.systemUTC());
        operator.start();
    }

    /** The metrics of the operator started last, as its /metrics endpoint would serve them. */
    public OperatorMetrics metrics() {
        return metrics;
    }

    /** Stops the operator as a shutdown would; the sandbox and the cluster keep running. */
    public void stopOperator() {
        if (operator != null) {
            operator.close();
            operator = null;
        }
    }

    /** Whether the running operator is started and all its informers are healthy: what its /readyz answers. */
    public boolean operatorReady() {
        return operator != null && operator.ready();
    }

    /** The configuration the extension's operator runs with. */
    public OperatorConfig config() {
        return config;
    }

    public OperatorDefaults defaults() {
        return config.defaults();
    }

    public KubernetesClient kubernetes() {
        return kubernetes;
    }

    /** The sandbox's kubeconfig, for kubectl and other clients than the operator's. */
    public Path kubeconfig() {
        return sandbox.kubeconfig();
    }

    public AwsClients aws() {
        return aws;
    }

    public String listenerArn() {
        return aws.elb().describeListeners(r -> r.loadBalancerArn(aws.elb().describeLoadBalancers(q -> q
                .names("sandbox-alb")).loadBalancers().get(0).loadBalancerArn())).listeners().get(0).listenerArn();
    }

    /** One call to the sandbox's control API ({@code /_sandbox/<path>}); the body of its answer. */
    public String control(String method, String path, String body) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.awsEndpoint()
                    + "/_sandbox/" + path)).method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " /_sandbox/" + path + ": " + response.statusCode() + " "
                        + response.body());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every AWS resource the sandbox holds, per service. */
    public JsonNode state() {
        return json(control("GET", "state", ""));
    }

    /** The calls the sandbox answered since the last clear: service to action to outcome to count. */
    public JsonNode calls() {
        return json(control("GET", "calls", ""));
    }

    /** How many {@code service}/{@code action} calls succeeded since the last clear. */
    public long calls(String service, String action) {
        return calls().path(service).path(action).path("ok").asLong(0);
    }

    /** service/Action to how many calls of it the sandbox answered since the last clear, whatever the outcome. */
    public Map<String, Long> callCounts() {
        return countCalls(calls());
    }

    /** The sandbox's call log ({@code GET /_sandbox/calls}) as service/Action to calls, whatever their outcome. */
    public static Map<String, Long> countCalls(JsonNode calls) {
        Map<String, Long> counts = new TreeMap<>();
        calls.fields().forEachRemaining(service -> service.getValue().fields().forEachRemaining(action -> {
            long total = 0;
            for (JsonNode count : action.getValue()) {
                total += count.asLong(0);
            }
            counts.put(service.getKey() + "/" + action.getKey(), total);
        }));
        return counts;
    }

    /** Whether a {@code service/Action} key of {@link #countCalls} names an action that changes something. */
    public static boolean isWrite(String serviceAndAction) {
        String action = serviceAndAction.substring(serviceAndAction.indexOf('/') + 1);
        return WRITE_PREFIXES.stream().anyMatch(action::startsWith);
    }

    public void clearCalls() {
        control("DELETE", "calls", "");
    }

    /** An EcsApp from the YAML of its spec, indented as under {@code spec:}. */
    public static EcsApp app(String name, String specYaml) {
        return Serialization.unmarshal("""
                apiVersion: ecsapp.dev/v1alpha1
                kind: EcsApp
                metadata:
                  name: %s
                  namespace: %s
                spec:
                %s
                """.formatted(name, NAMESPACE, specYaml.indent(2).stripTrailing()), EcsApp.class);
    }

    /** An app behind the load balancer at /name/*, with fast health checks, and the rest as given. */
    public static EcsApp webApp(String name, String image, String scaling) {
        return app(name, """
                image: %s
                %s
                loadBalancer:
                  pathPatterns: ["/%s/*"]
                  healthCheck:
                    intervalSeconds: 10
                    healthyThreshold: 2
                  deregistrationDelaySeconds: 10
                """.formatted(image, scaling, name));
    }

    /**
     * Stores an EcsApp as written, through the generic client, so that no Java model gets to refuse it first: how an
     * object that skipped admission, or one written for a newer CRD, reaches the operator.
     */
    public void createRaw(String name, String specYaml) {
        io.fabric8.kubernetes.api.model.GenericKubernetesResource app = Serialization.unmarshal("""
                apiVersion: ecsapp.dev/v1alpha1
                kind: EcsApp
                metadata:
                  name: %s
                  namespace: %s
                spec: %s
                """.formatted(name, NAMESPACE, specYaml), io.fabric8.kubernetes.api.model.GenericKubernetesResource.class);
        kubernetes.genericKubernetesResources(EcsApp.GROUP + "/" + EcsApp.VERSION, "EcsApp").inNamespace(NAMESPACE)
                .resource(app).create();
    }

    public EcsApp create(EcsApp app) {
        return kubernetes.resource(app).create();
    }

    public EcsApp get(String name) {
        return kubernetes.resources(EcsApp.class).inNamespace(NAMESPACE).withName(name).get();
    }

    /** Replaces the app's spec image and updates it, as {@code kubectl edit} would. */
    public void setImage(String name, String image) {
        editSpec(name, spec -> spec.put("image", image));
    }

    /**
     * Changes the stored spec as {@code kubectl edit} would: read, change, write back with the resourceVersion read.
     * The operator patches the status meanwhile, so a write may meet 409 Conflict; like kubectl, read and try again.
     */
    public void editSpec(String name, java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> edit) {
        for (int attempt = 1; ; attempt++) {
            EcsApp app = get(name);
            com.fasterxml.jackson.databind.node.ObjectNode tree = Serialization.jsonMapper().valueToTree(app);
            edit.accept(tree.with("spec"));
            try {
                kubernetes.resource(Serialization.jsonMapper().convertValue(tree, EcsApp.class)).update();
                return;
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    public Optional<Condition> condition(String name, String type) {
        EcsApp app = get(name);
        if (app == null || app.getStatus() == null) {
            return Optional.empty();
        }
        return app.getStatus().conditions().stream().filter(c -> type.equals(c.type())).findFirst();
    }

    public boolean isTrue(String name, String type) {
        return condition(name, type).map(c -> "True".equals(c.status())).orElse(false);
    }

    public boolean ready(String name) {
        return isTrue(name, "Ready");
    }

    /** The app's ECS service as the sandbox holds it (INACTIVE ones left out). */
    public Optional<JsonNode> service(String name) {
        for (JsonNode service : state().path("ecs").path("services")) {
            if (service.path("serviceName").asText().equals(NAMESPACE + "_" + name)
                    && !service.path("status").asText().equals("INACTIVE")) {
                return Optional.of(service);
            }
        }
        return Optional.empty();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
