package dev.ecsapp.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsapp.operator.desired.AppIdentity;
import dev.ecsapp.operator.desired.DesiredService;
import dev.ecsapp.operator.desired.DesiredState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ServiceAdapterTest {

    @RegisterExtension
    static final AwsSandbox sandbox = new AwsSandbox();

    /** Generous: a Fargate task needs about 20 simulated seconds to run, then the target health checks pass. */
    private static final int MAX_STEPS = 60;
    private static final Duration STEP = Duration.ofSeconds(15);

    private ServiceAdapter adapter;
    private TaskDefinitionAdapter taskDefinitions;
    private TargetGroupAdapter targetGroups;

    @BeforeEach
    void setUp() {
        adapter = new ServiceAdapter(sandbox.clients().ecs());
        taskDefinitions = new TaskDefinitionAdapter(sandbox.clients().ecs());
        targetGroups = new TargetGroupAdapter(sandbox.clients().elb());
    }

    /**
     * The app's task definition, target group and listener rule exist: what its service needs first, since ECS refuses
     * a target group that no load balancer forwards to.
     */
    private record Prepared(DesiredState desired, String taskDefinitionArn, String targetGroupArn) {
    }

    private Prepared prepare(AppIdentity app, String specYaml) {
        DesiredState desired = SandboxApps.desired(sandbox, app, specYaml);
        String taskDefinitionArn = taskDefinitions.create(desired.taskDefinition());
        String targetGroupArn = desired.targetGroup().map(group -> targetGroups.create(group,
                targetGroups.vpcOfListener(SandboxApps.listenerArn(sandbox)))).orElse(null);
        desired.listenerRule().ifPresent(rule -> new ListenerRuleAdapter(sandbox.clients().elb()).create(rule, 1000,
                targetGroupArn));
        return new Prepared(desired, taskDefinitionArn, targetGroupArn);
    }

    private String create(Prepared app) {
        return adapter.create(app.desired().service(), app.taskDefinitionArn(), app.targetGroupArn(),
                ClientTokens.createService(SandboxApps.SHOP, 1));
    }

    private ObservedService observe(DesiredService service) {
        return adapter.observe(service.cluster(), service.name()).orElseThrow();
    }

    /** Moves simulated time until the service's rollout completes (or fails); returns the last observation. */
    private ObservedService untilRolloutSettles(DesiredService service) throws Exception {
        ObservedService observed = observe(service);
        for (int step = 0; step < MAX_STEPS && !observed.rolloutCompleted() && !observed.rolloutFailed(); step++) {
            sandbox.advance(STEP);
            observed = observe(service);
        }
        return observed;
    }

    @Test
    void aServiceThatWasNeverCreatedIsObservedAsAbsent() {
        assertThat(adapter.observe(SandboxApps.CLUSTER, "team-a_shop")).isEmpty();
    }

    @Test
    void aCreatedServiceIsObservedEqualToTheDesiredOne() {
        Prepared app = prepare(SandboxApps.SHOP, SandboxApps.webApp("nginx:1.27"));

        String arn = create(app);

        ObservedService observed = observe(app.desired().service());
        assertThat(observed.arn()).isEqualTo(arn);
        assertThat(ServiceChanges.between(app.desired().service(), app.taskDefinitionArn(), observed).paths())
                .isEmpty();
        assertThat(observed.shape().loadBalancer()).isEqualTo(app.desired().service().loadBalancer());
        assertThat(observed.shape().network()).isEqualTo(app.desired().service().network());
    }

    @Test
    void theRolloutCompletesAsSimulatedTimeMoves() throws Exception {
        Prepared app = prepare(SandboxApps.SHOP, SandboxApps.webApp("nginx:1.27"));
        create(app);

        ObservedService settled = untilRolloutSettles(app.desired().service());

        assertThat(settled.rolloutState()).isEqualTo("COMPLETED");
        assertThat(settled.runningCount()).isEqualTo(2);
    }

    @Test
    void aSecondCreateWithTheSameClientTokenAfterACrashMakesNoDuplicate() throws Exception {
        Prepared app = prepare(SandboxApps.SHOP, SandboxApps.webApp("nginx:1.27"));
        String first = create(app);

        // The operator crashed before it recorded the first answer, and repeats the call with the same token.
        String second = create(app);

        assertThat(second).isEqualTo(first);
        assertThat(sandbox.successfulCalls("ecs", "CreateService")).isEqualTo(2);
        assertThat(sandbox.state().path("ecs").path("services")).hasSize(1);
    }

    @Test
    void anUnchangedServiceIsLeftAlone() throws Exception {
        Prepared app = prepare(SandboxApps.SHOP, SandboxApps.webApp("nginx:1.27"));
        create(app);

        ServiceChanges changes = adapter.update(app.desired().service(), observe(app.desired().service()),
                app.taskDefinitionArn(), app.targetGroupArn());

        assertThat(changes.none()).isTrue();
        assertThat(sandbox.successfulCalls("ecs", "UpdateService")).isZero();
        assertThat(sandbox.successfulCalls("ecs", "TagResource")).isZero();
    }

    @Test
    void aNewRevisionIsRolledOutWithOneUpdate() throws Exception {
        Prepared app = prepare(SandboxApps.SHOP, SandboxApps.webApp("nginx:1.27"));
        create(app);
        untilRolloutSettles(app.desired().service());
        String newRevision = taskDefinitions.create(SandboxApps.desired(sandbox, SandboxApps.SHOP,
                SandboxApps.webApp("nginx:1.28")).taskDefinition());

        ServiceChanges changes = adapter.update(app.desired().service(), observe(app.desired().service()),
                newRevision, app.targetGroupArn());

        assertThat(changes.paths()).containsExactly(ServiceChanges.TASK_DEFINITION);
        assertThat(sandbox.successfulCalls("ecs", "UpdateService")).isEqualTo(1);
        ObservedService settled = untilRolloutSettles(app.desired().service());
        assertThat(settled.taskDefinitionArn()).isEqualTo(newRevision);
        assertThat(settled.rolloutState()).isEqualTo("COMPLETED");
    }

    @Test
    void aChangedReplicaCountAndTagsAreUpdated() {
        Prepared app = prepare(SandboxApps.SHOP, SandboxApps.webApp("nginx:1.27"));
        create(app);
        DesiredService changed = SandboxApps.desired(sandbox, SandboxApps.SHOP, SandboxApps.webApp("nginx:1.27")
                .replace("replicas: 2", "replicas: 3").replace("tags: {team: a}", "tags: {team: b}")).service();

        ServiceChanges changes = adapter.update(changed, observe(changed), app.taskDefinitionArn(),
                app.targetGroupArn());

        assertThat(changes.paths()).containsExactly(ServiceChanges.DESIRED_COUNT, ServiceChanges.TAGS);
        ObservedService observed = observe(changed);
        assertThat(observed.desiredCount()).isEqualTo(3);
        assertThat(observed.shape().tags()).containsEntry("team", "b");
    }

    @Test
    void anAutoscaledServiceNeverGetsItsDesiredCountFromTheOperator() {
        String autoscaled = SandboxApps.webApp("nginx:1.27").replace("replicas: 2",
                "autoscaling: {minReplicas: 1, maxReplicas: 4, targetCpuPercent: 60}");
        Prepared app = prepare(SandboxApps.SHOP, autoscaled);
        create(app);
        DesiredService service = app.desired().service();
        assertThat(observe(service).desiredCount()).isEqualTo(1);
        // Application Auto Scaling moved the count; the operator then changes the rollout settings only.
        sandbox.clients().ecs().updateService(r -> r.cluster(service.cluster()).service(service.name())
                .desiredCount(4));
        DesiredService changed = SandboxApps.desired(sandbox, SandboxApps.SHOP, autoscaled
                + "rollout: {minimumHealthyPercent: 50}\n").service();

        ServiceChanges changes = adapter.update(changed, observe(changed), app.taskDefinitionArn(),
                app.targetGroupArn());

        assertThat(changes.paths()).containsExactly(ServiceChanges.DEPLOYMENT);
        assertThat(observe(changed).desiredCount()).isEqualTo(4);
        assertThat(observe(changed).shape().deployment().minimumHealthyPercent()).isEqualTo(50);
    }

    @Test
    void deleteScalesToZeroDrainsAndEndsWithNoServiceAndNoTask() throws Exception {
        Prepared app = prepare(SandboxApps.SHOP, SandboxApps.webApp("nginx:1.27"));
        create(app);
        DesiredService service = app.desired().service();
        untilRolloutSettles(service);

        assertThat(adapter.delete(service.cluster(), service.name())).isEqualTo(ServiceAdapter.Deletion.DRAINING);
        assertThat(observe(service).draining()).isTrue();
        ServiceAdapter.Deletion deletion = ServiceAdapter.Deletion.DRAINING;
        for (int step = 0; step < MAX_STEPS && deletion == ServiceAdapter.Deletion.DRAINING; step++) {
            sandbox.advance(STEP);
            deletion = adapter.delete(service.cluster(), service.name());
        }

        assertThat(deletion).isEqualTo(ServiceAdapter.Deletion.GONE);
        assertThat(adapter.observe(service.cluster(), service.name())).isEmpty();
        // ECS still describes the deleted service, as INACTIVE: observe counts that as absent.
        JsonNode ecs = sandbox.state().path("ecs");
        assertThat(ecs.path("services")).hasSize(1).allSatisfy(s -> assertThat(s.path("status").asText())
                .isEqualTo("INACTIVE"));
        assertThat(ecs.path("tasks")).isNotEmpty().allSatisfy(t -> assertThat(t.path("lastStatus").asText())
                .isEqualTo("STOPPED"));
        assertThat(sandbox.successfulCalls("ecs", "DeleteService")).isEqualTo(1);
    }

    @Test
    void manyServicesAreObservedTenToACall() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            AppIdentity app = new AppIdentity("team-a", "worker-" + i);
            Prepared prepared = prepare(app, "image: nginx:1.27\nreplicas: 0\n");
            adapter.create(prepared.desired().service(), prepared.taskDefinitionArn(), null,
                    ClientTokens.createService(app, 1));
            names.add(prepared.desired().service().name());
        }
        names.add("team-a_never-created");

        var observed = adapter.observeAll(SandboxApps.CLUSTER, names);

        assertThat(observed).hasSize(12).doesNotContainKey("team-a_never-created");
        assertThat(sandbox.successfulCalls("ecs", "DescribeServices")).isEqualTo(2);
    }
}
