package dev.ecsapp.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ResourceNamesTest {

    private static final AppIdentity SHOP_CHECKOUT = new AppIdentity("shop", "checkout");

    @ParameterizedTest(name = "{0}/{1} -> family {2}")
    @CsvSource({
        "shop, checkout, shop_checkout",
        "team-a, web, team-a_web",
        "shop, checkout.v2, shop_checkout-v2-29cc3a3b",  // the hash: sha256 of shop/checkout.v2
    })
    void theFamilyIsNamespaceAndNameWithAHashOnlyWhenTheNameHadToChange(String namespace, String name, String family) {
        assertThat(new ResourceNames(new AppIdentity(namespace, name)).family()).isEqualTo(family);
    }

    @Test
    void aDottedNameAndItsHyphenatedTwinGetDifferentFamilies() {
        assertThat(new ResourceNames(new AppIdentity("shop", "checkout.v2")).family())
                .isNotEqualTo(new ResourceNames(new AppIdentity("shop", "checkout-v2")).family());
    }

    @Test
    void namespaceAndNameCannotTradeHyphensIntoTheSameFamily() {
        assertThat(new ResourceNames(new AppIdentity("a-b", "c")).family())
                .isNotEqualTo(new ResourceNames(new AppIdentity("a", "b-c")).family());
    }

    @Test
    void theLongestKubernetesNamesStillGiveAFamilyEcsAccepts() {
        String family = new ResourceNames(new AppIdentity("n".repeat(63), "a".repeat(253))).family();

        assertThat(family).hasSizeLessThanOrEqualTo(255).matches("[A-Za-z0-9_-]+");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("identities")
    void everyTargetGroupNameIsOneElbv2Accepts(AppIdentity app) {
        String name = new ResourceNames(app).targetGroupName();

        assertThat(name).hasSizeLessThanOrEqualTo(32)
                .matches("[a-z0-9][a-z0-9-]*[a-z0-9]")
                .doesNotStartWith("internal-");
    }

    static Stream<AppIdentity> identities() {
        return Stream.of(SHOP_CHECKOUT, new AppIdentity("internal", "api"), new AppIdentity("shop", "internal-api"),
                new AppIdentity("n".repeat(63), "a.b.c".repeat(50)), new AppIdentity("x", "y"),
                new AppIdentity("shop", "checkout-service-with-a-long-name-v2"));
    }

    @Test
    void theTargetGroupNameIsReadableAndHashed() {
        assertThat(new ResourceNames(SHOP_CHECKOUT).targetGroupName()).isEqualTo("checkout-shop-" + SHOP_CHECKOUT.hash(8));
    }

    @Test
    void twoAppsWithTheSameLongPrefixGetDifferentTargetGroups() {
        String common = "checkout-service-with-a-long-name-";
        assertThat(new ResourceNames(new AppIdentity("shop", common + "a")).targetGroupName())
                .isNotEqualTo(new ResourceNames(new AppIdentity("shop", common + "b")).targetGroupName());
    }

    @Test
    void namesAreTheSameEveryTime() {
        assertThat(new ResourceNames(new AppIdentity("shop", "checkout")))
                .isEqualTo(new ResourceNames(new AppIdentity("shop", "checkout")));
        assertThat(new ResourceNames(SHOP_CHECKOUT).targetGroupName())
                .isEqualTo(new ResourceNames(new AppIdentity("shop", "checkout")).targetGroupName());
    }

    @Test
    void theLogGroupIsUnderEcsNamespaceAndName() {
        assertThat(new ResourceNames(SHOP_CHECKOUT).logGroupName()).isEqualTo("/ecs/shop/checkout");
    }

    @Test
    void theDefaultRepositoryNameCollapsesSeparatorsEcrRefuses() {
        assertThat(new ResourceNames(new AppIdentity("shop", "check--out..v2")).defaultRepositoryName())
                .isEqualTo("shop/check-out.v2");
    }

    @Test
    void theScalableTargetIsTheServiceInItsCluster() {
        assertThat(new ResourceNames(SHOP_CHECKOUT).scalableResourceId("production"))
                .isEqualTo("service/production/shop_checkout");
    }
}
