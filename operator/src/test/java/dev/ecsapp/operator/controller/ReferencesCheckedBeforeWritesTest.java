package dev.ecsapp.operator.controller;

import static dev.ecsapp.operator.controller.OperatorOnSandbox.app;
import static dev.ecsapp.operator.controller.OperatorOnSandbox.webApp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsapp.operator.api.v1alpha1.Condition;
import dev.ecsapp.operator.api.v1alpha1.Conditions;
import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import dev.ecsapp.sandbox.aws.ec2.Ec2Api;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A subnet, security group, listener or cluster AWS does not know is refused by reads before any write, naming the
 * field, and an app next to them is not held up.
 */
class ReferencesCheckedBeforeWritesTest {

    private static final Logger LOG = Logger.getLogger(ReferencesCheckedBeforeWritesTest.class.getName());

    @RegisterExtension
    static final OperatorOnSandbox SANDBOX = new OperatorOnSandbox();

    /** An app that names something AWS does not have, and the field the refusal must name. */
    record Missing(String name, String spec, String field) {
    }

    @Test
    void appsNamingWhatDoesNotExistAreRefusedNamingTheFieldWithoutAnyWriteAndAFixedSpecProceeds() {
        String listener = SANDBOX.listenerArn();
        // Of the right form, on the same load balancer, but no such listener.
        String noListener = listener.substring(0, listener.lastIndexOf('/') + 1) + "0123456789abcdef";
        List<Missing> missing = List.of(
                new Missing("no-subnet", "{image: 'nginx:1.27', network: {subnets: [subnet-0123456789abcdef0]}}",
                        "spec.network.subnets[0]"),
                new Missing("no-group", "{image: 'nginx:1.27', network: {securityGroups: ["
                        + Ec2Api.TASKS_SECURITY_GROUP + ", sg-0123456789abcdef0]}}", "spec.network.securityGroups[1]"),
                new Missing("no-listener", "{image: 'nginx:1.27', loadBalancer: {listenerArn: '" + noListener
                        + "', pathPatterns: ['/no-listener/*']}}", "spec.loadBalancer.listenerArn"),
                new Missing("no-cluster", "{image: 'nginx:1.27', cluster: nowhere}", "spec.cluster"));
        SANDBOX.clearCalls();

        missing.forEach(app -> SANDBOX.create(app(app.name(), app.spec())));

        await().atMost(Duration.ofSeconds(30)).until(() -> missing.stream()
                .allMatch(app -> SANDBOX.isTrue(app.name(), Conditions.DEGRADED)));
        // Four looks at each (a terminal refusal is looked at again after 2 s, 4 s, then every 6 s): nothing written.
        await().pollDelay(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(13)).until(() -> true);
        Map<String, Long> calls = SANDBOX.callCounts();
        LOG.info("calls for four apps naming what does not exist: " + calls);
        assertThat(calls.keySet()).as("no write for any of them").noneMatch(OperatorOnSandbox::isWrite);
        assertThat(missing).allSatisfy(app -> {
            Condition degraded = SANDBOX.condition(app.name(), Conditions.DEGRADED).orElseThrow();
            assertThat(degraded.reason()).as(app.name()).isEqualTo(Conditions.REASON_INVALID_REFERENCE);
            assertThat(degraded.message()).as(app.name()).contains(app.field(), "does not exist");
            assertThat(SANDBOX.isTrue(app.name(), Conditions.STALLED)).as(app.name()).isTrue();
        });

        SANDBOX.create(webApp("next-to-them", "nginx:1.27", "replicas: 1"));
        await().atMost(Duration.ofSeconds(60)).until(() -> SANDBOX.ready("next-to-them"));

        setSubnets("no-subnet", List.of(Ec2Api.PRIVATE_SUBNET_B));
        await().atMost(Duration.ofSeconds(60)).until(() -> SANDBOX.ready("no-subnet"));
        assertThat(SANDBOX.isTrue("no-subnet", Conditions.DEGRADED)).isFalse();
    }

    /**
     * Sets the app's spec.network.subnets, as {@code kubectl patch --type=merge} would: with no resourceVersion, so
     * that it cannot lose a race with the operator's status patches (409) as a read-modify-update can.
     */
    private static void setSubnets(String name, List<String> subnets) {
        ObjectNode patch = Serialization.jsonMapper().createObjectNode();
        ArrayNode list = patch.with("spec").with("network").putArray("subnets");
        subnets.forEach(list::add);
        SANDBOX.kubernetes().resources(EcsApp.class).inNamespace(OperatorOnSandbox.NAMESPACE).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
    }
}
