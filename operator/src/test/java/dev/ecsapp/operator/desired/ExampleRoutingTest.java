package dev.ecsapp.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import dev.ecsapp.operator.api.v1alpha1.LoadBalancerSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The apps of deploy/examples (every folder) and the reference service of deploy/gitops/apps on one listener, with
 * the priorities the operator chooses, created in any order: each sample request reaches the app meant for it.
 */
class ExampleRoutingTest {

    private static final Path REPOSITORY = Path.of(System.getProperty("user.dir")).getParent();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** The load balancer's own DNS name: a request for no particular host. */
    private static final String LOAD_BALANCER = "ecsapp-1234567890.us-east-1.elb.amazonaws.com";

    private record App(AppIdentity id, RuleConditions conditions, Integer priority) {
    }

    private static List<App> apps() {
        List<Path> manifests = new ArrayList<>();
        try (Stream<Path> examples = Files.walk(REPOSITORY.resolve("deploy/examples"))) {
            examples.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(manifests::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        manifests.add(REPOSITORY.resolve("deploy/gitops/apps/reference-service.yaml"));
        List<App> apps = new ArrayList<>();
        for (Path manifest : manifests) {
            try {
                for (EcsApp app : YAML.readerFor(EcsApp.class).<EcsApp>readValues(manifest.toFile()).readAll()) {
                    LoadBalancerSpec loadBalancer = app.getSpec().loadBalancer();
                    if (loadBalancer != null) {
                        apps.add(new App(new AppIdentity(app.getMetadata().getNamespace(), app.getMetadata().getName()),
                                new RuleConditions(loadBalancer.pathPatterns(), loadBalancer.hosts()),
                                loadBalancer.priority()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(manifest + ": " + e.getMessage(), e);
            }
        }
        return apps;
    }

    /** The apps created one after another from index {@code first} on, each checked as the operator does. */
    private static AlbEvaluator listenerAfterCreating(List<App> apps, int first) {
        Set<Integer> taken = new HashSet<>();
        List<ListenerRuleOverlaps.OtherRule> made = new ArrayList<>();
        List<AlbEvaluator.Rule> rules = new ArrayList<>();
        for (int k = 0; k < apps.size(); k++) {
            App app = apps.get((first + k) % apps.size());
            int priority = ((ListenerRulePriorities.Allocated) ListenerRulePriorities.allocate(
                    app.priority() == null ? OptionalInt.empty() : OptionalInt.of(app.priority()), OptionalInt.empty(),
                    taken, app.id(), app.conditions())).priority();
            assertThat(ListenerRuleOverlaps.find(app.conditions(), priority, app.priority() == null, made))
                    .as("%s created after %s", app.id().owner(), made).isEmpty();
            taken.add(priority);
            made.add(new ListenerRuleOverlaps.OtherRule(app.id().owner(), priority, app.conditions()));
            rules.add(new AlbEvaluator.Rule(app.id().name(), priority, app.conditions().pathPatterns(),
                    app.conditions().hosts()));
        }
        return new AlbEvaluator(rules);
    }

    @Test
    void theManifestsAreFound() {
        assertThat(apps()).extracting(app -> app.id().name())
                .contains("hello", "shop", "orders", "api", "reference-service");
    }

    @ParameterizedTest(name = "{0}{1} reaches {2}")
    @CsvSource({
        LOAD_BALANCER + ", /hello/x, hello",
        LOAD_BALANCER + ", /orders, orders",
        LOAD_BALANCER + ", /orders/1, orders",
        LOAD_BALANCER + ", /, reference-service",
        LOAD_BALANCER + ", /ordersx, reference-service",
        LOAD_BALANCER + ", /Hello/x, reference-service",
        "shop.example.com, /, shop",
        "Shop.Example.COM, /cart, shop",
        // an exact host goes before any path of no host
        "shop.example.com, /hello/x, shop",
        "api.example.com, /, api",
        "api.example.com, /orders/1, api",
        "other.example.com, /, reference-service",
        "other.example.com, /hello/x, hello",
    })
    void eachSampleRequestReachesTheAppMeantForItWhateverOrderTheAppsCameIn(String host, String path,
            String app) {
        List<App> apps = apps();
        for (int first = 0; first < apps.size(); first++) {
            assertThat(listenerAfterCreating(apps, first).route(host, path)).as("apps created from %s on",
                    apps.get(first).id().owner()).contains(app);
        }
    }
}
