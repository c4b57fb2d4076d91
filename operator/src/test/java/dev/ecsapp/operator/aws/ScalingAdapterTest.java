package dev.ecsapp.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.operator.desired.DesiredScaling;
import dev.ecsapp.operator.desired.DesiredState;
import dev.ecsapp.operator.desired.Ownership;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ScalingAdapterTest {

    @RegisterExtension
    static final AwsSandbox sandbox = new AwsSandbox();

    private static final String WORKER = """
            image: nginx:1.27
            autoscaling: {minReplicas: 1, maxReplicas: 4, targetCpuPercent: 60, targetMemoryPercent: 70}
            """;

    private ScalingAdapter adapter;
    private DesiredState app;

    /** Application Auto Scaling registers only a service that exists. */
    @BeforeEach
    void setUp() {
        adapter = new ScalingAdapter(sandbox.clients().autoScaling());
        app = SandboxApps.desired(sandbox, SandboxApps.SHOP, WORKER);
        String revision = new TaskDefinitionAdapter(sandbox.clients().ecs()).create(app.taskDefinition());
        new ServiceAdapter(sandbox.clients().ecs()).create(app.service(), revision, null,
                ClientTokens.createService(SandboxApps.SHOP, 1));
    }

    private DesiredScaling desired(String specYaml) {
        return SandboxApps.desired(sandbox, SandboxApps.SHOP, specYaml).scaling().orElseThrow();
    }

    @Test
    void aServiceWithoutScalingIsObservedAsAbsent() {
        assertThat(adapter.observe(app.scaling().orElseThrow().resourceId())).isEmpty();
    }

    @Test
    void aCreatedScalingIsObservedEqualToTheDesiredOne() {
        DesiredScaling desired = app.scaling().orElseThrow();

        String arn = adapter.create(desired, app.service().tags(), null);

        ObservedScaling observed = adapter.observe(desired.resourceId()).orElseThrow();
        assertThat(observed.scalableTargetArn()).isEqualTo(arn);
        assertThat(observed.shape()).isEqualTo(desired);
        assertThat(sandbox.clients().autoScaling().listTagsForResource(r -> r.resourceARN(arn)).tags())
                .containsEntry(Ownership.OWNER_TAG, "team-a/shop");
    }

    @Test
    void anUnchangedScalingIsLeftAlone() throws Exception {
        DesiredScaling desired = app.scaling().orElseThrow();
        adapter.create(desired, app.service().tags(), null);

        assertThat(adapter.update(desired, adapter.observe(desired.resourceId()).orElseThrow(), null)).isEmpty();
        assertThat(sandbox.successfulCalls("application-autoscaling", "PutScalingPolicy")).isEqualTo(2);
    }

    @Test
    void changedCapacityAndTargetsAreUpdatedAndADroppedPolicyDeleted() {
        adapter.create(app.scaling().orElseThrow(), app.service().tags(), null);
        DesiredScaling changed = desired("""
                image: nginx:1.27
                autoscaling: {minReplicas: 2, maxReplicas: 8, targetCpuPercent: 50}
                """);

        var paths = adapter.update(changed, adapter.observe(changed.resourceId()).orElseThrow(), null);

        assertThat(paths).containsExactly(ScalingAdapter.CAPACITY, ScalingAdapter.POLICIES);
        assertThat(adapter.observe(changed.resourceId()).orElseThrow().shape()).isEqualTo(changed);
    }

    @Test
    void deleteLeavesNoScalableTargetAndNoPolicy() throws Exception {
        DesiredScaling desired = app.scaling().orElseThrow();
        adapter.create(desired, app.service().tags(), null);

        assertThat(adapter.delete(desired.resourceId())).isTrue();

        assertThat(adapter.observe(desired.resourceId())).isEmpty();
        assertThat(sandbox.state().path("application-autoscaling").toString()).doesNotContain(desired.resourceId());
        assertThat(adapter.delete(desired.resourceId())).isFalse();
    }
}
