package dev.ecsapp.operator.controller;

import static dev.ecsapp.operator.controller.OperatorOnSandbox.app;
import static dev.ecsapp.operator.controller.OperatorOnSandbox.webApp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * A spec change that moves the app (a new container port, no load balancer, another listener, another cluster) ends
 * Ready for the new generation with what the old spec made deleted: no second target group, rule or service left
 * running. Old task definition revisions beyond the newest ten are deregistered.
 */
class SpecChangesLeaveNothingBehindTest {

    @RegisterExtension
    static final OperatorOnSandbox SANDBOX = new OperatorOnSandbox();

    @Test
    void aNewContainerPortReplacesTheTargetGroupAndTheAppIsReadyForTheNewGeneration() {
        SANDBOX.create(webApp("port", "nginx:1.27", "replicas: 2"));
        await().atMost(Duration.ofSeconds(60)).until(() -> SANDBOX.ready("port"));
        TargetGroup before = groupsOf("port").get(0);
        assertThat(before.port()).isEqualTo(5000);

        edit("port", spec -> spec.put("containerPort", 8080));

        await().atMost(Duration.ofSeconds(90)).until(() -> readyAtCurrentGeneration("port")
                && groupsOf("port").size() == 1 && groupsOf("port").get(0).port() == 8080);
        TargetGroup after = groupsOf("port").get(0);
        assertThat(after.targetGroupArn()).isNotEqualTo(before.targetGroupArn());
        assertThat(ruleOf("port", SANDBOX.listenerArn()).actions().get(0).targetGroupArn())
                .isEqualTo(after.targetGroupArn());
        assertThat(SANDBOX.get("port").getStatus().resources().targetGroupArn()).isEqualTo(after.targetGroupArn());
        assertThat(SANDBOX.service("port").orElseThrow().path("loadBalancers").toString()).contains("8080");
    }

    @Test
    void removingTheLoadBalancerDeletesTheRuleAndTheTargetGroup() {
        SANDBOX.create(webApp("unrouted", "nginx:1.27", "replicas: 1"));
        await().atMost(Duration.ofSeconds(60)).until(() -> SANDBOX.ready("unrouted"));

        edit("unrouted", spec -> spec.remove("loadBalancer"));

        await().atMost(Duration.ofSeconds(90)).until(() -> readyAtCurrentGeneration("unrouted")
                && groupsOf("unrouted").isEmpty() && rulesOf("unrouted", SANDBOX.listenerArn()).isEmpty());
        assertThat(SANDBOX.service("unrouted").orElseThrow().path("loadBalancers")).isEmpty();
    }

    @Test
    void anotherListenerGetsTheRuleAndTheOldListenerLosesIt() {
        String loadBalancer = SANDBOX.aws().elb().describeLoadBalancers(r -> r.names("sandbox-alb"))
                .loadBalancers().get(0).loadBalancerArn();
        String second = SANDBOX.aws().elb().createListener(r -> r.loadBalancerArn(loadBalancer).port(8081)
                .protocol("HTTP").defaultActions(a -> a.type("fixed-response")
                        .fixedResponseConfig(f -> f.statusCode("404")))).listeners().get(0).listenerArn();
        SANDBOX.create(webApp("moving", "nginx:1.27", "replicas: 1"));
        await().atMost(Duration.ofSeconds(60)).until(() -> SANDBOX.ready("moving"));

        edit("moving", spec -> ((ObjectNode) spec.get("loadBalancer")).put("listenerArn", second));

        await().atMost(Duration.ofSeconds(60)).until(() -> readyAtCurrentGeneration("moving")
                && rulesOf("moving", second).size() == 1 && rulesOf("moving", SANDBOX.listenerArn()).isEmpty());
    }

    @Test
    void anotherClusterGetsTheServiceAndTheOldClusterLosesIt() {
        SANDBOX.aws().ecs().createCluster(r -> r.clusterName("elsewhere"));
        SANDBOX.create(app("relocated", "{image: 'nginx:1.27', replicas: 1}"));
        await().atMost(Duration.ofSeconds(60)).until(() -> SANDBOX.ready("relocated"));

        edit("relocated", spec -> spec.put("cluster", "elsewhere"));

        await().atMost(Duration.ofSeconds(90)).until(() -> readyAtCurrentGeneration("relocated")
                && activeServices("elsewhere", "relocated") == 1 && activeServices("sandbox", "relocated") == 0);
        assertThat(SANDBOX.get("relocated").getStatus().resources().serviceArn()).contains(":service/elsewhere/");
    }

    @Test
    void onlyTheNewestTenRevisionsTheAppMadeStayActive() {
        SANDBOX.create(app("revisions", "{image: 'nginx:1.0', replicas: 1}"));
        await().atMost(Duration.ofSeconds(60)).until(() -> SANDBOX.ready("revisions"));
        // A revision registered by hand in the app's family is not the app's to deregister, however old.
        String byHand = SANDBOX.aws().ecs().registerTaskDefinition(r -> r.family("default_revisions")
                .requiresCompatibilitiesWithStrings("FARGATE").networkMode("awsvpc").cpu("256").memory("512")
                .containerDefinitions(c -> c.name("x").image("busybox:1"))).taskDefinition().taskDefinitionArn();

        for (int minor = 1; minor <= 12; minor++) {
            String image = "nginx:1." + minor;
            SANDBOX.setImage("revisions", image);
            await().atMost(Duration.ofSeconds(30)).until(() -> image.equals(imageOfLatestRevision()));
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> readyAtCurrentGeneration("revisions"));

        List<String> active = SANDBOX.aws().ecs().listTaskDefinitions(r -> r.familyPrefix("default_revisions")
                .status(TaskDefinitionStatus.ACTIVE)).taskDefinitionArns();
        assertThat(active).contains(byHand);
        assertThat(active).hasSizeBetween(10 + 1, 10 + 1 + 1); // ten of the app's, the one by hand, one still in use
        assertThat(active).contains(SANDBOX.get("revisions").getStatus().resources().taskDefinitionArn());
    }

    private static String imageOfLatestRevision() {
        List<String> arns = SANDBOX.aws().ecs().listTaskDefinitions(r -> r.familyPrefix("default_revisions")
                .status(TaskDefinitionStatus.ACTIVE)).taskDefinitionArns();
        String latest = arns.get(arns.size() - 1);
        return SANDBOX.aws().ecs().describeTaskDefinition(r -> r.taskDefinition(latest)).taskDefinition()
                .containerDefinitions().get(0).image();
    }

    private static boolean readyAtCurrentGeneration(String name) {
        EcsApp app = SANDBOX.get(name);
        return SANDBOX.ready(name) && app.getStatus().observedGeneration().equals(app.getMetadata().getGeneration());
    }

    /** Edits the stored spec as {@code kubectl edit} would. */
    private static void edit(String name, Consumer<ObjectNode> change) {
        SANDBOX.editSpec(name, change);
    }

    private static List<TargetGroup> groupsOf(String app) {
        return SANDBOX.aws().elb().describeTargetGroups().targetGroups().stream()
                .filter(group -> group.targetGroupName().startsWith(app + "-default-")).toList();
    }

    private static List<Rule> rulesOf(String app, String listenerArn) {
        return SANDBOX.aws().elb().describeRules(r -> r.listenerArn(listenerArn)).rules().stream()
                .filter(rule -> rule.conditions().toString().contains("/" + app + "/*")).toList();
    }

    private static Rule ruleOf(String app, String listenerArn) {
        List<Rule> rules = rulesOf(app, listenerArn);
        assertThat(rules).hasSize(1);
        return rules.get(0);
    }

    private static long activeServices(String cluster, String app) {
        return SANDBOX.aws().ecs().describeServices(r -> r.cluster(cluster).services("default_" + app)).services()
                .stream().filter(service -> "ACTIVE".equals(service.status())).count();
    }
}
