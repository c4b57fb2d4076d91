package dev.ecsapp.awsfacts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiRatesTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void eachEcsActionTakesFromItsOwnGroupsBucket() {
        assertThat(ApiRates.bucketsFor("ecs", "DescribeServices")).extracting(ApiRates.Rate::group)
                .containsExactly("ecs:service-read");
        assertThat(ApiRates.bucketsFor("ecs", "RegisterTaskDefinition")).singleElement()
                .isEqualTo(new ApiRates.Rate("ecs:task-definition-write", 20, 1));
        assertThat(ApiRates.bucketsFor("ecs", "PutClusterCapacityProviders")).extracting(ApiRates.Rate::group)
                .containsExactly("ecs:other");
    }

    @Test
    void everyElbCallAlsoTakesFromTheAccountsSharedBucket() {
        assertThat(ApiRates.bucketsFor("elasticloadbalancing", "DescribeRules")).extracting(ApiRates.Rate::group)
                .containsExactly("elbv2:describe", "elbv2:account");
        assertThat(ApiRates.bucketsFor("elasticloadbalancing", "CreateRule")).extracting(ApiRates.Rate::group)
                .containsExactly("elbv2:write", "elbv2:account");
        assertThat(ApiRates.bucketsFor("elasticloadbalancing", "RegisterTargets")).extracting(ApiRates.Rate::group)
                .containsExactly("elbv2:targets", "elbv2:account");
    }

    @Test
    void servicesWithoutDocumentedBucketsHaveNone() {
        assertThat(ApiRates.bucketsFor("logs", "DescribeLogGroups")).isEmpty();
    }

    @Test
    void aBucketGivesItsBurstAtOnceThenRefillsAtItsRate() {
        TokenBucket bucket = new TokenBucket(new ApiRates.Rate("t", 3, 2), 0);
        for (int i = 0; i < 3; i++) {
            assertThat(bucket.hasToken(0)).isTrue();
            bucket.take();
        }
        assertThat(bucket.hasToken(0)).isFalse();
        assertThat(bucket.nanosUntilToken(0)).isEqualTo(SECOND / 2);
        assertThat(bucket.hasToken(SECOND / 2)).isTrue();
        assertThat(bucket.nanosUntilToken(10 * SECOND)).isZero();
        bucket.take();
        assertThat(bucket.hasToken(10 * SECOND)).as("refilled up to the burst, not beyond").isTrue();
    }
}
