package dev.ecsapp.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LeaseTest {

    @RegisterExtension
    final RunningApi api = RunningApi.empty(server());

    /** The server these tests run against; a subclass runs them against the other one. */
    KubernetesApi.Server server() {
        return KubernetesApi.Server.MOCK;
    }

    @Test
    void aRulesReviewSaysEverythingIsAllowedForTheNamespaceAsked() {
        // java-operator-sdk asks this before leader election; the sandbox has no RBAC.
        SelfSubjectRulesReview review = api.client().authorization().v1().selfSubjectRulesReview()
                .create(new SelfSubjectRulesReviewBuilder().withNewSpec().withNamespace("ops").endSpec().build());

        assertThat(review.getSpec().getNamespace()).isEqualTo("ops");
        assertThat(review.getStatus().getIncomplete()).isFalse();
        assertThat(review.getStatus().getResourceRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getVerbs()).containsExactly("*");
            assertThat(rule.getApiGroups()).containsExactly("*");
            assertThat(rule.getResources()).containsExactly("*");
        });
    }

    @Test
    void aLeaseIsCreatedAndReadBack() {
        api.client().resource(lease("ecsapp-operator", "pod-a")).create();

        Lease read = api.client().leases().inNamespace("default").withName("ecsapp-operator").get();

        assertThat(read.getSpec().getHolderIdentity()).isEqualTo("pod-a");
    }

    @Test
    void creatingALeaseThatExistsIsAConflict() {
        api.client().resource(lease("ecsapp-operator", "pod-a")).create();

        assertThat(Errors.codeOf(() -> api.client().resource(lease("ecsapp-operator", "pod-b")).create()))
                .isEqualTo(409);
    }

    @Test
    void anUpdateBasedOnTheCurrentResourceVersionSucceeds() {
        Lease created = api.client().resource(lease("ecsapp-operator", "pod-a")).create();
        created.getSpec().setHolderIdentity("pod-b");

        Lease updated = api.client().resource(created).update();

        assertThat(updated.getSpec().getHolderIdentity()).isEqualTo("pod-b");
    }

    @Test
    void anUpdateBasedOnAStaleResourceVersionIsAConflict() {
        Lease created = api.client().resource(lease("ecsapp-operator", "pod-a")).create();
        Lease renewed = api.client().leases().inNamespace("default").withName("ecsapp-operator").get();
        renewed.getSpec().setLeaseDurationSeconds(30);
        api.client().resource(renewed).update();
        created.getSpec().setHolderIdentity("pod-b");

        assertThat(Errors.codeOf(() -> api.client().resource(created).update())).isEqualTo(409);
    }

    @Test
    void fabric8LeaderElectionTakesTheLeaseAndLeads() {
        AtomicBoolean leading = new AtomicBoolean();
        LeaderElector elector = api.client().leaderElector()
                .withConfig(new LeaderElectionConfigBuilder()
                        .withName("ecsapp-operator")
                        .withLock(new LeaseLock("default", "ecsapp-operator", "pod-a"))
                        .withLeaseDuration(Duration.ofSeconds(15))
                        .withRenewDeadline(Duration.ofSeconds(10))
                        .withRetryPeriod(Duration.ofMillis(200))
                        .withLeaderCallbacks(new LeaderCallbacks(() -> leading.set(true), () -> { }, leader -> { }))
                        .build())
                .build();
        CompletableFuture<?> election = elector.start();
        try {
            await().atMost(Duration.ofSeconds(10)).untilTrue(leading);

            assertThat(api.client().leases().inNamespace("default").withName("ecsapp-operator").get()
                    .getSpec().getHolderIdentity()).isEqualTo("pod-a");
        } finally {
            election.cancel(true);
        }
    }

    private static Lease lease(String name, String holder) {
        return new LeaseBuilder()
                .withNewMetadata().withNamespace("default").withName(name).endMetadata()
                .withNewSpec().withHolderIdentity(holder).withLeaseDurationSeconds(15).endSpec()
                .build();
    }
}
