package dev.ecsapp.sandbox.aws.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsapp.sandbox.SandboxExtension;
import dev.ecsapp.sandbox.aws.ec2.Ec2Api;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** ECS through the real SDK client: shapes, errors, idempotency, pagination, a rollout end to end. */
class EcsContractTest {

    @RegisterExtension
    static SandboxExtension sandbox = new SandboxExtension();

    private static EcsClient ecs() {
        return sandbox.client(EcsClient.builder());
    }

    private static TaskDefinition register(EcsClient ecs, String family, String cpu, String memory) {
        return ecs.registerTaskDefinition(r -> r.family(family).requiresCompatibilitiesWithStrings("FARGATE")
                .networkMode("awsvpc").cpu(cpu).memory(memory)
                .containerDefinitions(ContainerDefinition.builder().name("app").image("nginx:1.27")
                        .environment(KeyValuePair.builder().name("B").value("2").build(),
                                KeyValuePair.builder().name("A").value("1").build())
                        .portMappings(PortMapping.builder().containerPort(5000).build()).build()))
                .taskDefinition();
    }

    private static CreateServiceRequest.Builder service(String name, String taskDefinition, int desired) {
        return CreateServiceRequest.builder().cluster(EcsApi.DEFAULT_CLUSTER).serviceName(name)
                .taskDefinition(taskDefinition).desiredCount(desired)
                .networkConfiguration(n -> n.awsvpcConfiguration(v -> v.subnets(Ec2Api.PRIVATE_SUBNET_A)
                        .securityGroups(Ec2Api.TASKS_SECURITY_GROUP)));
    }

    private static void assertEcsError(Runnable call, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(EcsException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
            assertThat(e.statusCode()).isEqualTo(400);
        });
    }

    @Test
    void theFoundationClusterExistsWithFargateCapacityProviders() {
        try (EcsClient ecs = ecs()) {
            var cluster = ecs.describeClusters(r -> r.clusters(EcsApi.DEFAULT_CLUSTER)).clusters().get(0);

            assertThat(cluster.clusterArn()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:cluster/sandbox");
            assertThat(cluster.status()).isEqualTo("ACTIVE");
            assertThat(cluster.capacityProviders()).containsExactly("FARGATE", "FARGATE_SPOT");
        }
    }

    @Test
    void anUnknownClusterIsReportedMissingOrNotFound() {
        try (EcsClient ecs = ecs()) {
            var described = ecs.describeClusters(r -> r.clusters("nope"));
            assertThat(described.clusters()).isEmpty();
            assertThat(described.failures()).singleElement().satisfies(f -> {
                assertThat(f.arn()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:cluster/nope");
                assertThat(f.reason()).isEqualTo("MISSING");
            });
            assertEcsError(() -> ecs.listServices(r -> r.cluster("nope")), "ClusterNotFoundException",
                    "Cluster not found.");
        }
    }

    @Test
    void everyRegistrationMakesANewRevisionAndTheFamilyNamesTheLatest() {
        try (EcsClient ecs = ecs()) {
            TaskDefinition first = register(ecs, "web", "256", "512");
            TaskDefinition second = register(ecs, "web", "256", "512");

            assertThat(first.revision()).isEqualTo(1);
            assertThat(second.revision()).isEqualTo(2);
            assertThat(second.taskDefinitionArn()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:task-definition/web:2");
            assertThat(ecs.describeTaskDefinition(r -> r.taskDefinition("web")).taskDefinition().revision())
                    .isEqualTo(2);
            assertThat(second.requiresAttributes()).isNotEmpty();
            assertThat(second.containerDefinitions().get(0).environment()).extracting(KeyValuePair::name)
                    .containsExactly("B", "A");
        }
    }

    @Test
    void aCpuAndMemoryPairFargateDoesNotOfferIsRefused() {
        try (EcsClient ecs = ecs()) {
            assertEcsError(() -> register(ecs, "web", "256", "4096"), "ClientException",
                    "No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the Amazon ECS "
                            + "documentation for the valid values.");
        }
    }

    @Test
    void aDeregisteredRevisionIsInactiveButStillDescribable() {
        try (EcsClient ecs = ecs()) {
            register(ecs, "web", "512", "1024");

            ecs.deregisterTaskDefinition(r -> r.taskDefinition("web:1"));

            assertThat(ecs.describeTaskDefinition(r -> r.taskDefinition("web:1")).taskDefinition().statusAsString())
                    .isEqualTo("INACTIVE");
            assertThat(ecs.listTaskDefinitions(r -> r.familyPrefix("web")).taskDefinitionArns()).isEmpty();
            assertEcsError(() -> ecs.describeTaskDefinition(r -> r.taskDefinition("nope")), "ClientException",
                    "Unable to describe task definition.");
        }
    }

    @Test
    void listingPagesThroughTaskDefinitionsWithOpaqueTokens() {
        try (EcsClient ecs = ecs()) {
            IntStream.range(0, 5).forEach(i -> register(ecs, "page", "256", "512"));
            List<String> seen = new ArrayList<>();
            String token = null;
            int calls = 0;
            do {
                String next = token;
                var page = ecs.listTaskDefinitions(r -> r.familyPrefix("page").maxResults(2).nextToken(next));
                seen.addAll(page.taskDefinitionArns());
                token = page.nextToken();
                calls++;
            } while (token != null && calls < 10);

            assertThat(calls).isEqualTo(3);
            assertThat(seen).hasSize(5).doesNotHaveDuplicates();
        }
    }

    @Test
    void createServiceWithTheSameClientTokenTwiceMakesOneService() {
        try (EcsClient ecs = ecs()) {
            String td = register(ecs, "web", "256", "512").taskDefinitionArn();
            Service first = ecs.createService(service("web", td, 1).clientToken("token-1").build()).service();
            Service again = ecs.createService(service("web", td, 1).clientToken("token-1").build()).service();

            assertThat(again.serviceArn()).isEqualTo(first.serviceArn());
            assertThat(ecs.listServices(r -> r.cluster(EcsApi.DEFAULT_CLUSTER)).serviceArns()).hasSize(1);
            assertEcsError(() -> ecs.createService(service("web", td, 2).clientToken("token-2").build()),
                    "InvalidParameterException", "Creation of service was not idempotent.");
        }
    }

    @Test
    void aServiceRollsOutThroughTheApiAsTimePasses() throws Exception {
        try (EcsClient ecs = ecs()) {
            String td = register(ecs, "web", "256", "512").taskDefinitionArn();
            ecs.createService(service("web", td, 2).tags(Tag.builder().key("app").value("web").build()).build());

            sandbox.advance(Duration.ofSeconds(40));

            Service service = ecs.describeServices(r -> r.cluster(EcsApi.DEFAULT_CLUSTER).services("web")
                    .include(software.amazon.awssdk.services.ecs.model.ServiceField.TAGS)).services().get(0);
            assertThat(service.runningCount()).isEqualTo(2);
            assertThat(service.deployments().get(0).rolloutStateAsString()).isEqualTo("COMPLETED");
            assertThat(service.tags()).extracting(Tag::key).containsExactly("app");
            var tasks = ecs.listTasks(r -> r.cluster(EcsApi.DEFAULT_CLUSTER).serviceName("web")).taskArns();
            assertThat(ecs.describeTasks(r -> r.cluster(EcsApi.DEFAULT_CLUSTER).tasks(tasks)).tasks())
                    .hasSize(2).allSatisfy(t -> assertThat(t.lastStatus()).isEqualTo("RUNNING"));
        }
    }

    @Test
    void describeServicesTakesAtMostTenAndReportsMissingOnes() {
        try (EcsClient ecs = ecs()) {
            var described = ecs.describeServices(r -> r.cluster(EcsApi.DEFAULT_CLUSTER).services("ghost"));
            assertThat(described.failures()).singleElement().satisfies(f -> {
                assertThat(f.reason()).isEqualTo("MISSING");
                assertThat(f.arn()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:service/sandbox/ghost");
            });
            List<String> eleven = IntStream.range(0, 11).mapToObj(i -> "s" + i).toList();
            assertEcsError(() -> ecs.describeServices(r -> r.cluster(EcsApi.DEFAULT_CLUSTER).services(eleven)),
                    "InvalidParameterException", "services can have at most 10 items.");
        }
    }

    @Test
    void updatingOrDeletingAMissingServiceIsServiceNotFound() {
        try (EcsClient ecs = ecs()) {
            assertEcsError(() -> ecs.updateService(r -> r.cluster(EcsApi.DEFAULT_CLUSTER).service("ghost")
                    .desiredCount(1)), "ServiceNotFoundException", "Service not found.");
            assertEcsError(() -> ecs.deleteService(r -> r.cluster(EcsApi.DEFAULT_CLUSTER).service("ghost")),
                    "ServiceNotFoundException", "Service not found.");
        }
    }

    @Test
    void aDeletedServiceDrainsThenTurnsInactiveAndRefusesUpdates() throws Exception {
        try (EcsClient ecs = ecs()) {
            String td = register(ecs, "web", "256", "512").taskDefinitionArn();
            ecs.createService(service("web", td, 1).build());
            sandbox.advance(Duration.ofSeconds(30));
            assertEcsError(() -> ecs.deleteService(r -> r.cluster(EcsApi.DEFAULT_CLUSTER).service("web")),
                    "InvalidParameterException", "The service cannot be stopped while it is scaled above 0.");

            Service draining = ecs.deleteService(r -> r.cluster(EcsApi.DEFAULT_CLUSTER).service("web").force(true))
                    .service();
            assertThat(draining.status()).isEqualTo("DRAINING");
            assertEcsError(() -> ecs.updateService(r -> r.cluster(EcsApi.DEFAULT_CLUSTER).service("web")
                    .desiredCount(1)), "ServiceNotActiveException", "Service was not ACTIVE.");

            sandbox.advance(Duration.ofSeconds(30));

            assertThat(ecs.describeServices(r -> r.cluster(EcsApi.DEFAULT_CLUSTER).services("web")).services()
                    .get(0).status()).isEqualTo("INACTIVE");
            assertThat(ecs.listServices(r -> r.cluster(EcsApi.DEFAULT_CLUSTER)).serviceArns()).isEmpty();
        }
    }

    @Test
    void aServiceNeedsExistingSubnetsAndATaskDefinition() {
        try (EcsClient ecs = ecs()) {
            String td = register(ecs, "web", "256", "512").taskDefinitionArn();
            assertEcsError(() -> ecs.createService(service("web", td, 1).networkConfiguration(n -> n
                    .awsvpcConfiguration(v -> v.subnets("subnet-0123456789abcdef0"))).build()),
                    "InvalidParameterException", "Error retrieving subnet information for [subnet-0123456789abcdef0]: "
                            + "The subnet ID 'subnet-0123456789abcdef0' does not exist (Service: AmazonEC2; Status "
                            + "Code: 400; Error Code: InvalidSubnetID.NotFound)");
            assertEcsError(() -> ecs.createService(service("web", "missing:1", 1).build()),
                    "InvalidParameterException", "Unable to find task definition 'missing:1'.");
        }
    }

    @Test
    void tagsCanBeAddedListedAndRemoved() {
        try (EcsClient ecs = ecs()) {
            String arn = register(ecs, "web", "256", "512").taskDefinitionArn();

            ecs.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("team").value("a").build(),
                    Tag.builder().key("env").value("dev").build()));
            ecs.untagResource(r -> r.resourceArn(arn).tagKeys("env"));

            assertThat(ecs.listTagsForResource(r -> r.resourceArn(arn)).tags()).extracting(Tag::key)
                    .containsExactly("team");
        }
    }
}
