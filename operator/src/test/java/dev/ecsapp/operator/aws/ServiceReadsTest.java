package dev.ecsapp.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeServicesRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.Service;

class ServiceReadsTest {

    private static final Duration FRESH = Duration.ofMillis(800);

    private final AtomicLong now = new AtomicLong();
    private final List<List<String>> calls = new ArrayList<>();
    /** An ECS that has every service asked for, ACTIVE. */
    private final EcsClient ecs = new EcsClient() {
        @Override
        public DescribeServicesResponse describeServices(DescribeServicesRequest request) {
            calls.add(request.services());
            return DescribeServicesResponse.builder().services(request.services().stream()
                    .map(name -> Service.builder().serviceName(name).status("ACTIVE").build()).toList()).build();
        }

        @Override
        public String serviceName() {
            return "ecs";
        }

        @Override
        public void close() {
        }
    };
    private final ServiceReads reads = new ServiceReads(ecs, FRESH, now::get);

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void anAnswerYoungerThanFreshIsReused() {
        reads.describe("sandbox", "a");
        advance(FRESH.dividedBy(2));

        assertThat(reads.describe("sandbox", "a")).isPresent();
        assertThat(calls).hasSize(1);
    }

    @Test
    void servicesNotAskedForLatelyAreNoLongerKept() {
        IntStream.range(0, 100).forEach(i -> reads.describe("sandbox", "app" + i));
        assertThat(reads.retained()).isEqualTo(100);

        advance(Duration.ofMinutes(5));
        reads.describe("sandbox", "still-here");

        assertThat(reads.retained()).isEqualTo(1);
    }

    @Test
    void servicesReadInABatchAreNotKeptOnceTheirAnswerIsStale() {
        reads.describeAll("sandbox", IntStream.range(0, 50).mapToObj(i -> "app" + i).toList());
        assertThat(reads.retained()).isEqualTo(50);

        advance(FRESH.multipliedBy(2));
        reads.describeAll("sandbox", List.of("app0"));

        assertThat(reads.retained()).isEqualTo(1);
    }

    @Test
    void aServiceAskedForLatelyIsStillRefreshedInAnothersCall() {
        reads.describe("sandbox", "a");
        advance(FRESH.multipliedBy(2));

        reads.describe("sandbox", "b");

        assertThat(calls.get(1)).containsExactly("b", "a");
    }
}
