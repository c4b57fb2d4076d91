package dev.ecsapp.operator.controller;

import static dev.ecsapp.operator.Specs.DEFAULTS;
import static dev.ecsapp.operator.Specs.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.operator.api.v1alpha1.AwsResources;
import dev.ecsapp.operator.api.v1alpha1.EcsAppStatus;
import dev.ecsapp.operator.desired.AppIdentity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where deletion looks, read from the status and whatever of the spec is readable, with no desired state. */
class FootprintTest {

    private static final AppIdentity APP = new AppIdentity("shop", "checkout");
    private static final String RULE = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener-rule/app/old/"
            + "50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee";
    private static final String OLD_SERVICE = "arn:aws:ecs:eu-west-1:123456789012:service/legacy/shop_checkout";

    private static EcsAppStatus statusWith(AwsResources resources, String repositoryUri) {
        return new EcsAppStatus(3L, List.of(), null, null, repositoryUri, resources, null, null, null, null, null);
    }

    @Test
    void anInvalidSpecStillGivesTheOperatorsClusterAndListener() {
        Footprint footprint = Footprint.of(APP, spec("{image: 'shop:1', cpu: 'two cores', loadBalancer: "
                + "{pathPatterns: [/shop/*]}}"), null, DEFAULTS);

        assertThat(footprint.clusters()).containsExactly("production");
        assertThat(footprint.listeners()).containsExactly(DEFAULTS.listenerArn());
        assertThat(footprint.repositories()).isEmpty();
    }

    @Test
    void theLastStatusAddsWhereTheAppWasAndWhatItStillHadToRetire() {
        AwsResources resources = new AwsResources(null, OLD_SERVICE, null, RULE, null, null,
                List.of("arn:aws:ecs:eu-west-1:123456789012:service/older/shop_checkout"));

        Footprint footprint = Footprint.of(APP, spec("{image: 'shop:1', repository: {managed: true}}"),
                statusWith(resources, "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/old-name"), DEFAULTS);

        assertThat(footprint.clusters()).containsExactlyInAnyOrder("legacy", "older", "production");
        assertThat(footprint.listeners()).containsExactly("arn:aws:elasticloadbalancing:eu-west-1:123456789012:"
                + "listener/app/old/50dc6c495c0c9188/f2f7dc8efc522ab2");
        assertThat(footprint.repositories()).containsExactlyInAnyOrder("shop/old-name", "shop/checkout");
    }

    @Test
    void valuesThatCannotNameAResourceAreLeftOutRatherThanBlockingTheDeletion() {
        Footprint footprint = Footprint.of(APP, spec("{image: 'shop:1', cluster: 'no such/cluster', loadBalancer: "
                + "{pathPatterns: [/a], listenerArn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/"
                + "app/x'}}"), null, DEFAULTS);

        assertThat(footprint.clusters()).isEmpty();
        assertThat(footprint.listeners()).isEmpty();
    }

    @Test
    void anUnreadableSpecLeavesTheStatusAndTheOperatorsDefaults() {
        Footprint footprint = Footprint.of(APP, null, statusWith(new AwsResources(null, OLD_SERVICE, null, null, null,
                null, null), null), DEFAULTS);

        assertThat(footprint.clusters()).containsExactlyInAnyOrder("legacy", "production");
    }
}
