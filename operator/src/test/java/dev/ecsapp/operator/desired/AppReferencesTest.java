package dev.ecsapp.operator.desired;

import static dev.ecsapp.operator.Specs.DEFAULTS;
import static dev.ecsapp.operator.Specs.LISTENER_ARN;
import static dev.ecsapp.operator.Specs.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.operator.desired.AppReferences.Reference;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AppReferencesTest {

    private static final AppIdentity APP = new AppIdentity("shop", "checkout");

    private static AppReferences of(String specYaml) {
        return AppReferences.of(AppInput.of(APP, spec(specYaml), DEFAULTS));
    }

    @Test
    void valuesTheSpecSetsAreNamedByTheirFieldAndIndexInTheOrderWritten() {
        AppReferences references = of("""
                image: shop:1
                cluster: arn:aws:ecs:eu-west-1:123456789012:cluster/payments
                network:
                  subnets: [subnet-0b00000000000000b, subnet-0a00000000000000a]
                  securityGroups: [sg-0a00000000000000a]
                loadBalancer:
                  listenerArn: arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/pay/1a2b/3c4d
                  pathPatterns: [/pay/*]
                """);

        assertThat(references.subnets()).containsExactly(
                new Reference("subnet-0b00000000000000b", "spec.network.subnets[0]", false),
                new Reference("subnet-0a00000000000000a", "spec.network.subnets[1]", false));
        assertThat(references.securityGroups()).containsExactly(
                new Reference("sg-0a00000000000000a", "spec.network.securityGroups[0]", false));
        assertThat(references.listener()).contains(new Reference(
                "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/pay/1a2b/3c4d",
                "spec.loadBalancer.listenerArn", false));
        assertThat(references.cluster()).as("the name, as ECS and the service ARN carry it")
                .isEqualTo(new Reference("payments", "spec.cluster", false));
    }

    @Test
    void valuesFromTheOperatorsDefaultsAreNamedByTheSettingAndSaySo() {
        AppReferences references = of("""
                image: shop:1
                loadBalancer: {pathPatterns: [/shop/*]}
                """);

        assertThat(references.subnets()).extracting(Reference::field).containsExactly("--subnets", "--subnets");
        assertThat(references.securityGroups()).containsExactly(
                new Reference("sg-0123456789abcdef0", "--security-groups", true));
        assertThat(references.listener()).contains(new Reference(LISTENER_ARN, "--listener-arn", true));
        assertThat(references.cluster()).isEqualTo(new Reference("production", "--cluster", true));
        assertThat(references.cluster().source()).isEqualTo("--cluster (the operator's default, as the app sets none)");
        assertThat(references.subnets().get(0).source()).startsWith("--subnets (the operator's default");
    }

    @Test
    void anAppWithoutALoadBalancerRefersToNoListenerWhateverTheDefaults() {
        assertThat(of("image: shop:1").listener()).isEqualTo(Optional.empty());
    }

    @Test
    void aSpecFieldNamesItselfWithoutMentioningDefaults() {
        assertThat(of("{image: 'shop:1', cluster: payments}").cluster().source()).isEqualTo("spec.cluster");
    }
}
