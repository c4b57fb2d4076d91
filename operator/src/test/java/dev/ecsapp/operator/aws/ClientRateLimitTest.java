package dev.ecsapp.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClientRateLimitTest {

    @Test
    void callsWithinTheBurstDoNotWait() {
        ClientRateLimit limit = new ClientRateLimit("ecs", () -> 0L);
        for (int i = 0; i < 100; i++) {
            limit.acquire("DescribeServices"); // ECS's service-read burst is 100
        }
        assertThat(limit.waitedNanos()).isZero();
    }

    @Test
    void beyondTheBurstACallWaitsForTheSustainedRate() {
        // A clock that moves only when the limiter sleeps would need a hook; real time is fine for one token:
        // RegisterTaskDefinition refills one a second, so the 21st call waits about a second.
        ClientRateLimit limit = new ClientRateLimit("ecs");
        for (int i = 0; i < 20; i++) {
            limit.acquire("RegisterTaskDefinition");
        }
        assertThat(limit.waitedNanos()).isZero();
        long started = System.nanoTime();
        limit.acquire("RegisterTaskDefinition");
        assertThat(System.nanoTime() - started).isGreaterThan(800_000_000L);
        assertThat(limit.waitedNanos()).isGreaterThan(800_000_000L);
    }

    @Test
    void elbWritesAlsoSpendTheAccountWideBucket() {
        AtomicLong now = new AtomicLong();
        ClientRateLimit limit = new ClientRateLimit("elasticloadbalancing", now::get);
        // 40 describes empty the shared account bucket (burst 40) though the describe bucket also has 40.
        for (int i = 0; i < 40; i++) {
            limit.acquire("DescribeRules");
        }
        now.addAndGet(1_000_000_000L); // one second: the account bucket refills 10
        for (int i = 0; i < 10; i++) {
            limit.acquire("CreateRule");
        }
        assertThat(limit.waitedNanos()).as("10 tokens were back after a second").isZero();
    }

    @Test
    void servicesWithoutDocumentedRatesAreNotLimited() {
        ClientRateLimit limit = new ClientRateLimit("logs", () -> 0L);
        for (int i = 0; i < 1000; i++) {
            limit.acquire("DescribeLogGroups");
        }
        assertThat(limit.waitedNanos()).isZero();
    }
}
