package dev.ecsapp.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsapp.operator.aws.AwsFailure.Kind;
import dev.ecsapp.operator.desired.AppIdentity;
import dev.ecsapp.operator.desired.DesiredListenerRule;
import dev.ecsapp.operator.desired.DesiredState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ListenerRuleAdapterTest {

    @RegisterExtension
    static final AwsSandbox sandbox = new AwsSandbox();

    private static final AppIdentity CART = new AppIdentity("team-b", "cart");

    private ListenerRuleAdapter adapter;
    private TargetGroupAdapter targetGroups;
    private String listenerArn;

    @BeforeEach
    void setUp() {
        adapter = new ListenerRuleAdapter(sandbox.clients().elb());
        targetGroups = new TargetGroupAdapter(sandbox.clients().elb());
        listenerArn = SandboxApps.listenerArn(sandbox);
    }

    /** Creates the app's target group and returns its desired state. */
    private DesiredState withTargetGroup(AppIdentity app, String specYaml) {
        DesiredState desired = SandboxApps.desired(sandbox, app, specYaml);
        targetGroups.create(desired.targetGroup().orElseThrow(), targetGroups.vpcOfListener(listenerArn));
        return desired;
    }

    private String targetGroupArn(DesiredState desired) {
        return targetGroups.observe(desired.targetGroup().orElseThrow().name()).orElseThrow().arn();
    }

    @Test
    void theTagsOfOtherAppsRulesAreReadOnceNotOnEveryLook() throws Exception {
        DesiredState shop = withTargetGroup(SandboxApps.SHOP, SandboxApps.webApp("nginx:1.27"));
        adapter.create(shop.listenerRule().orElseThrow(), 1234, targetGroupArn(shop));
        DesiredState cart = withTargetGroup(CART, SandboxApps.webApp("nginx:1.27"));
        // Another operator instance made the cart's rule: this adapter has not seen it yet.
        new ListenerRuleAdapter(sandbox.clients().elb()).create(cart.listenerRule().orElseThrow(), 1300,
                targetGroupArn(cart));
        long before = sandbox.successfulCalls("elasticloadbalancing", "DescribeTags");

        adapter.onListener(listenerArn, SandboxApps.SHOP);
        long firstLook = sandbox.successfulCalls("elasticloadbalancing", "DescribeTags") - before;
        ListenerRuleAdapter.RulesOnListener second = adapter.onListener(listenerArn, SandboxApps.SHOP);
        long secondLook = sandbox.successfulCalls("elasticloadbalancing", "DescribeTags") - before - firstLook;
        ListenerRuleAdapter.RulesOnListener asCart = adapter.onListener(listenerArn, CART);

        assertThat(firstLook).as("the unseen rule and the app's own").isEqualTo(1);
        assertThat(secondLook).as("the app's own rule only (its tags are compared for drift)").isEqualTo(1);
        assertThat(second.own()).isPresent();
        assertThat(second.takenByOthers()).containsExactly(1300);
        assertThat(asCart.own().map(ObservedListenerRule::priority)).contains(1300);
        assertThat(asCart.takenByOthers()).containsExactly(1234);
    }

    @Test
    void anAppWithoutARuleIsObservedAsAbsent() {
        assertThat(adapter.observe(listenerArn, SandboxApps.SHOP)).isEmpty();
    }

    @Test
    void aCreatedRuleIsFoundByItsOwnerTagAndEqualsTheDesiredOne() {
        DesiredState desired = withTargetGroup(SandboxApps.SHOP, SandboxApps.webApp("nginx:1.27"));
        DesiredListenerRule rule = desired.listenerRule().orElseThrow();

        String arn = adapter.create(rule, 1234, targetGroupArn(desired));

        ObservedListenerRule observed = adapter.observe(listenerArn, SandboxApps.SHOP).orElseThrow();
        assertThat(observed.arn()).isEqualTo(arn);
        assertThat(observed.priority()).isEqualTo(1234);
        // The desired rule leaves the priority to the operator; everything else compares field by field.
        assertThat(observed.shape()).usingRecursiveComparison().ignoringFields("requestedPriority", "asWritten").isEqualTo(rule);
        assertThat(adapter.observe(listenerArn, CART)).isEmpty();
    }

    @Test
    void anotherAppsRulesArePrioritiesTakenByOthers() {
        DesiredState shop = withTargetGroup(SandboxApps.SHOP, SandboxApps.webApp("nginx:1.27"));
        DesiredState cart = withTargetGroup(CART, SandboxApps.webApp("nginx:1.27").replace("/shop", "/cart"));
        adapter.create(shop.listenerRule().orElseThrow(), 1500, targetGroupArn(shop));
        adapter.create(cart.listenerRule().orElseThrow(), 2500, targetGroupArn(cart));

        assertThat(adapter.prioritiesTakenByOthers(listenerArn, SandboxApps.SHOP)).containsExactly(2500);
    }

    @Test
    void anUnchangedRuleIsLeftAlone() throws Exception {
        DesiredState desired = withTargetGroup(SandboxApps.SHOP, SandboxApps.webApp("nginx:1.27"));
        adapter.create(desired.listenerRule().orElseThrow(), 1234, targetGroupArn(desired));

        assertThat(adapter.update(desired.listenerRule().orElseThrow(),
                adapter.observe(listenerArn, SandboxApps.SHOP).orElseThrow(), 1234, targetGroupArn(desired)))
                .isEmpty();
        assertThat(sandbox.successfulCalls("elasticloadbalancing", "ModifyRule")).isZero();
    }

    @Test
    void changedPathsHostsAndPriorityAreModifiedInPlace() {
        DesiredState desired = withTargetGroup(SandboxApps.SHOP, SandboxApps.webApp("nginx:1.27"));
        String arn = adapter.create(desired.listenerRule().orElseThrow(), 1234, targetGroupArn(desired));
        DesiredListenerRule changed = SandboxApps.desired(sandbox, SandboxApps.SHOP, SandboxApps.webApp("nginx:1.27")
                .replace("pathPatterns: [\"/shop/*\", \"/shop\"]",
                        "pathPatterns: [\"/store/*\"]\n  hosts: [shop.example.com]")).listenerRule().orElseThrow();

        var paths = adapter.update(changed, adapter.observe(listenerArn, SandboxApps.SHOP).orElseThrow(), 1300,
                targetGroupArn(desired));

        assertThat(paths).containsExactly(ListenerRuleAdapter.MATCH, ListenerRuleAdapter.PRIORITY);
        ObservedListenerRule observed = adapter.observe(listenerArn, SandboxApps.SHOP).orElseThrow();
        assertThat(observed.arn()).isEqualTo(arn);
        assertThat(observed.priority()).isEqualTo(1300);
        assertThat(observed.shape().pathPatterns()).containsExactly("/store/*");
        assertThat(observed.shape().hosts()).containsExactly("shop.example.com");
    }

    @Test
    void aPriorityTheUserAskedForThatIsTakenIsTerminal() {
        DesiredState cart = withTargetGroup(CART, SandboxApps.webApp("nginx:1.27").replace("/shop", "/cart"));
        adapter.create(cart.listenerRule().orElseThrow(), 10, targetGroupArn(cart));
        DesiredState shop = withTargetGroup(SandboxApps.SHOP, SandboxApps.webApp("nginx:1.27")
                .replace("healthCheck: {path: /health}", "healthCheck: {path: /health}\n  priority: 10"));

        assertThatThrownBy(() -> adapter.create(shop.listenerRule().orElseThrow(), 10, targetGroupArn(shop)))
                .isInstanceOfSatisfying(AwsCallException.class, e -> {
                    assertThat(e.failure().kind()).isEqualTo(Kind.TERMINAL);
                    assertThat(e.failure().code()).isEqualTo("PriorityInUse");
                });
    }

    @Test
    void aPriorityTheOperatorChoseThatIsTakenIsTransient() {
        DesiredState cart = withTargetGroup(CART, SandboxApps.webApp("nginx:1.27").replace("/shop", "/cart"));
        adapter.create(cart.listenerRule().orElseThrow(), 1000, targetGroupArn(cart));
        DesiredState shop = withTargetGroup(SandboxApps.SHOP, SandboxApps.webApp("nginx:1.27"));

        assertThatThrownBy(() -> adapter.create(shop.listenerRule().orElseThrow(), 1000, targetGroupArn(shop)))
                .isInstanceOfSatisfying(AwsCallException.class,
                        e -> assertThat(e.failure().kind()).isEqualTo(Kind.TRANSIENT));
    }

    @Test
    void deleteLeavesOnlyTheListenersDefaultRule() throws Exception {
        DesiredState desired = withTargetGroup(SandboxApps.SHOP, SandboxApps.webApp("nginx:1.27"));
        adapter.create(desired.listenerRule().orElseThrow(), 1234, targetGroupArn(desired));

        assertThat(adapter.delete(listenerArn, SandboxApps.SHOP)).isTrue();
        targetGroups.delete(desired.targetGroup().orElseThrow().name());

        assertThat(adapter.observe(listenerArn, SandboxApps.SHOP)).isEmpty();
        var listeners = sandbox.state().path("elasticloadbalancing").path("listeners");
        assertThat(listeners.get(0).path("Rules")).hasSize(1);
        assertThat(listeners.get(0).path("Rules").get(0).path("IsDefault").asBoolean()).isTrue();
        assertThat(sandbox.state().path("elasticloadbalancing").path("targetGroups")).isEmpty();
    }

    @Test
    void aListenerThatDoesNotExistIsTerminal() {
        String missing = listenerArn.substring(0, listenerArn.lastIndexOf('/') + 1) + "0000000000000000";

        assertThatThrownBy(() -> adapter.observe(missing, SandboxApps.SHOP))
                .isInstanceOfSatisfying(AwsCallException.class, e -> assertThat(e.failure().kind())
                        .isEqualTo(Kind.TERMINAL));
    }
}
