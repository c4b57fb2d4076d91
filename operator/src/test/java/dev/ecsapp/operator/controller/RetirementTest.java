package dev.ecsapp.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.operator.api.v1alpha1.AwsResources;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a reconcile retires: what the last status listed and the current one no longer uses. */
class RetirementTest {

    private static final String SERVICE = "arn:aws:ecs:eu-west-1:123456789012:service/production/shop_checkout";
    private static final String OLD_SERVICE = "arn:aws:ecs:eu-west-1:123456789012:service/legacy/shop_checkout";
    private static final String GROUP = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/a/1";
    private static final String NEW_GROUP = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/b/2";
    private static final String RULE = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener-rule/app/x/1/2/3";

    private static AwsResources resources(String service, String group, String rule, List<String> retired) {
        return new AwsResources("arn:aws:ecs:eu-west-1:123456789012:task-definition/shop_checkout:3", service, group,
                rule, null, null, retired);
    }

    @Test
    void nothingIsRetiredWhileTheAppStaysWhereItWas() {
        assertThat(Retirement.candidates(resources(SERVICE, GROUP, RULE, null), resources(SERVICE, GROUP, RULE, null)))
                .isEmpty();
        assertThat(Retirement.candidates(null, resources(SERVICE, GROUP, RULE, null))).isEmpty();
    }

    @Test
    void whatTheSpecNoLongerWantsAndWhatStillWaitedAreRetired() {
        AwsResources before = resources(OLD_SERVICE, GROUP, RULE, List.of("arn:aws:ecs:eu-west-1:123456789012:"
                + "service/older/shop_checkout"));

        assertThat(Retirement.candidates(before, resources(SERVICE, NEW_GROUP, null, null))).containsExactly(
                "arn:aws:ecs:eu-west-1:123456789012:service/older/shop_checkout", RULE, GROUP, OLD_SERVICE);
    }

    @Test
    void aRetiredResourceTheAppUsesAgainIsNotRetired() {
        AwsResources before = resources(SERVICE, NEW_GROUP, RULE, List.of(GROUP));

        assertThat(Retirement.candidates(before, resources(SERVICE, GROUP, RULE, null))).containsExactly(NEW_GROUP);
    }
}
