package dev.ecsapp.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsapp.operator.aws.AwsFailure.Kind;
import dev.ecsapp.operator.desired.DesiredTargetGroup;
import dev.ecsapp.operator.desired.Ownership;
import dev.ecsapp.sandbox.aws.ec2.Ec2Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TargetGroupAdapterTest {

    @RegisterExtension
    static final AwsSandbox sandbox = new AwsSandbox();

    private TargetGroupAdapter adapter;
    private String listenerArn;

    @BeforeEach
    void setUp() {
        adapter = new TargetGroupAdapter(sandbox.clients().elb());
        listenerArn = SandboxApps.listenerArn(sandbox);
    }

    private DesiredTargetGroup desired(String specYaml) {
        return SandboxApps.desired(sandbox, SandboxApps.SHOP, specYaml).targetGroup().orElseThrow();
    }

    private String createdFrom(DesiredTargetGroup desired) {
        return adapter.create(desired, adapter.vpcOfListener(listenerArn));
    }

    @Test
    void aTargetGroupThatWasNeverCreatedIsObservedAsAbsent() {
        assertThat(adapter.observe(desired(SandboxApps.webApp("nginx:1.27")).name())).isEmpty();
    }

    @Test
    void theListenersVpcIsTheSandboxVpc() {
        assertThat(adapter.vpcOfListener(listenerArn)).isEqualTo(Ec2Api.VPC_ID);
    }

    @Test
    void aCreatedTargetGroupIsObservedEqualToTheDesiredOne() {
        DesiredTargetGroup desired = desired(SandboxApps.webApp("nginx:1.27"));

        String arn = createdFrom(desired);

        ObservedTargetGroup observed = adapter.observe(desired.name()).orElseThrow();
        assertThat(observed.arn()).isEqualTo(arn);
        assertThat(observed.vpcId()).isEqualTo(Ec2Api.VPC_ID);
        assertThat(observed.shape()).isEqualTo(desired);
        assertThat(observed.shape().tags()).containsEntry(Ownership.OWNER_TAG, "team-a/shop");
    }

    @Test
    void anUnchangedTargetGroupIsLeftAlone() throws Exception {
        DesiredTargetGroup desired = desired(SandboxApps.webApp("nginx:1.27"));
        createdFrom(desired);

        assertThat(adapter.update(desired, adapter.observe(desired.name()).orElseThrow())).isEmpty();
        assertThat(sandbox.successfulCalls("elasticloadbalancing", "ModifyTargetGroup")).isZero();
    }

    @Test
    void aChangedHealthCheckAndDelayAreModifiedInPlace() {
        createdFrom(desired(SandboxApps.webApp("nginx:1.27")));
        DesiredTargetGroup changed = desired(SandboxApps.webApp("nginx:1.27").replace(
                "healthCheck: {path: /health}", "healthCheck: {path: /ready, intervalSeconds: 10, matcher: 200-299}"
                        + "\n  deregistrationDelaySeconds: 5"));

        var paths = adapter.update(changed, adapter.observe(changed.name()).orElseThrow());

        assertThat(paths).containsExactly(TargetGroupAdapter.DEREGISTRATION_DELAY_PATH,
                TargetGroupAdapter.HEALTH_CHECK);
        assertThat(adapter.observe(changed.name()).orElseThrow().shape()).isEqualTo(changed);
    }

    @Test
    void aChangedPortNeedsANewTargetGroup() {
        createdFrom(desired(SandboxApps.webApp("nginx:1.27")));
        DesiredTargetGroup otherPort = desired(SandboxApps.webApp("nginx:1.27").replace("8080", "9090"));

        assertThat(adapter.observe(otherPort.name()).orElseThrow().needsReplacementFor(otherPort)).isTrue();
    }

    @Test
    void deleteLeavesNoTargetGroup() throws Exception {
        DesiredTargetGroup desired = desired(SandboxApps.webApp("nginx:1.27"));
        createdFrom(desired);

        assertThat(adapter.delete(desired.name())).isTrue();

        assertThat(adapter.observe(desired.name())).isEmpty();
        assertThat(sandbox.state().path("elasticloadbalancing").path("targetGroups")).isEmpty();
        assertThat(adapter.delete(desired.name())).isFalse();
    }

    @Test
    void aTargetGroupStillUsedByARuleIsWaitedFor() {
        DesiredTargetGroup desired = desired(SandboxApps.webApp("nginx:1.27"));
        String arn = createdFrom(desired);
        new ListenerRuleAdapter(sandbox.clients().elb()).create(SandboxApps.desired(sandbox, SandboxApps.SHOP,
                SandboxApps.webApp("nginx:1.27")).listenerRule().orElseThrow(), 1000, arn);

        assertThatThrownBy(() -> adapter.delete(desired.name())).isInstanceOfSatisfying(AwsCallException.class,
                e -> assertThat(e.failure().kind()).isEqualTo(Kind.WAITING));
    }
}
