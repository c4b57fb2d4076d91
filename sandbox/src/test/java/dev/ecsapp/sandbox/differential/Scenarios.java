package dev.ecsapp.sandbox.differential;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.PortMapping;

/**
 * The calls both implementations answer, about shapes and errors only (behaviour over time is the sandbox's own
 * business: moto has none). Each scenario starts from a reset implementation.
 */
final class Scenarios {

    record Scenario(String name, Function<Clients, JsonNode> run) {
        @Override
        public String toString() {
            return name;
        }
    }

    private Scenarios() {
    }

    private static final ContainerDefinition APP = ContainerDefinition.builder().name("app").image("nginx:1.27")
            .environment(KeyValuePair.builder().name("MODE").value("test").build())
            .portMappings(PortMapping.builder().containerPort(5000).build()).build();

    static List<Scenario> all() {
        return List.of(
                new Scenario("sts get-caller-identity", c -> Outcome.of(c.sts::getCallerIdentity)),
                new Scenario("ecs create-cluster", c -> Outcome.of(() -> c.ecs.createCluster(r -> r
                        .clusterName("diff")))),
                new Scenario("ecs describe-clusters of a missing one", c -> Outcome.of(() -> c.ecs.describeClusters(r
                        -> r.clusters("missing")))),
                new Scenario("ecs register-task-definition", c -> Outcome.of(() -> c.ecs.registerTaskDefinition(r
                        -> r.family("diff").requiresCompatibilitiesWithStrings("FARGATE").networkMode("awsvpc")
                        .cpu("256").memory("512").containerDefinitions(APP)))),
                new Scenario("ecs register-task-definition with a size Fargate does not offer", c -> Outcome.of(() ->
                        c.ecs.registerTaskDefinition(r -> r.family("diff").requiresCompatibilitiesWithStrings(
                                "FARGATE").networkMode("awsvpc").cpu("256").memory("4096")
                                .containerDefinitions(APP)))),
                new Scenario("ecs describe-task-definition of a missing family", c -> Outcome.of(() ->
                        c.ecs.describeTaskDefinition(r -> r.taskDefinition("missing")))),
                new Scenario("ecs list-services of a missing cluster", c -> Outcome.of(() -> c.ecs.listServices(r
                        -> r.cluster("missing")))),
                new Scenario("ecs create-service", c -> {
                    Map<String, JsonNode> steps = new LinkedHashMap<>();
                    steps.put("1 cluster", Outcome.of(() -> c.ecs.createCluster(r -> r.clusterName("diff"))));
                    steps.put("2 register", Outcome.of(() -> c.ecs.registerTaskDefinition(r -> r.family("diff")
                            .requiresCompatibilitiesWithStrings("FARGATE").networkMode("awsvpc").cpu("256")
                            .memory("512").containerDefinitions(APP))));
                    // Each implementation's own network: moto has its default VPC, the sandbox the seed's.
                    String subnet = c.ec2.describeSubnets().subnets().get(0).subnetId();
                    String group = c.ec2.describeSecurityGroups().securityGroups().get(0).groupId();
                    steps.put("3 create", Outcome.of(() -> c.ecs.createService(r -> r.cluster("diff")
                            .serviceName("web").taskDefinition("diff:1").desiredCount(0).launchType("FARGATE")
                            .networkConfiguration(n -> n.awsvpcConfiguration(v -> v.subnets(subnet)
                                    .securityGroups(group))))));
                    steps.put("4 describe missing", Outcome.of(() -> c.ecs.describeServices(r -> r.cluster("diff")
                            .services("ghost"))));
                    steps.put("5 update missing", Outcome.of(() -> c.ecs.updateService(r -> r.cluster("diff")
                            .service("ghost").desiredCount(1))));
                    return Outcome.steps(steps);
                }),
                new Scenario("ecr create-repository", c -> Outcome.of(() -> c.ecr.createRepository(r -> r
                        .repositoryName("diff/web")))),
                new Scenario("ecr create-repository twice", c -> {
                    c.ecr.createRepository(r -> r.repositoryName("diff"));
                    return Outcome.of(() -> c.ecr.createRepository(r -> r.repositoryName("diff")));
                }),
                new Scenario("ecr describe-repositories of a missing one", c -> Outcome.of(() ->
                        c.ecr.describeRepositories(r -> r.repositoryNames("missing")))),
                new Scenario("ecr delete-repository of a missing one", c -> Outcome.of(() ->
                        c.ecr.deleteRepository(r -> r.repositoryName("missing")))),
                new Scenario("logs create-log-group then describe", c -> {
                    Map<String, JsonNode> steps = new LinkedHashMap<>();
                    steps.put("1 create", Outcome.of(() -> c.logs.createLogGroup(r -> r.logGroupName("/ecs/diff"))));
                    steps.put("2 describe", Outcome.of(() -> c.logs.describeLogGroups(r -> r
                            .logGroupNamePrefix("/ecs/"))));
                    return Outcome.steps(steps);
                }),
                new Scenario("logs create-log-group twice", c -> {
                    c.logs.createLogGroup(r -> r.logGroupName("/ecs/diff"));
                    return Outcome.of(() -> c.logs.createLogGroup(r -> r.logGroupName("/ecs/diff")));
                }),
                new Scenario("logs delete-log-group of a missing one", c -> Outcome.of(() ->
                        c.logs.deleteLogGroup(r -> r.logGroupName("/ecs/missing")))),
                new Scenario("logs put-retention-policy with days CloudWatch does not offer", c -> {
                    c.logs.createLogGroup(r -> r.logGroupName("/ecs/diff"));
                    return Outcome.of(() -> c.logs.putRetentionPolicy(r -> r.logGroupName("/ecs/diff")
                            .retentionInDays(2)));
                }),
                new Scenario("elbv2 describe-target-groups of a missing name", c -> Outcome.of(() ->
                        c.elb.describeTargetGroups(r -> r.names("missing")))),
                new Scenario("elbv2 create-target-group and a rule whose priority is taken", c -> {
                    // Each implementation's own VPC and subnets.
                    String vpc = c.ec2.describeVpcs().vpcs().get(0).vpcId();
                    var subnets = c.ec2.describeSubnets(r -> r.filters(f -> f.name("vpc-id").values(vpc))).subnets();
                    String a = subnets.stream().filter(sn -> sn.availabilityZone().endsWith("a")).findFirst()
                            .orElseThrow().subnetId();
                    String b = subnets.stream().filter(sn -> sn.availabilityZone().endsWith("b")).findFirst()
                            .orElseThrow().subnetId();
                    Map<String, JsonNode> steps = new LinkedHashMap<>();
                    String lb = c.elb.createLoadBalancer(r -> r.name("diff-alb").subnets(a, b))
                            .loadBalancers().get(0).loadBalancerArn();
                    String tg = c.elb.createTargetGroup(r -> r.name("diff-tg").protocol("HTTP").port(5000)
                            .targetType("ip").vpcId(vpc)).targetGroups().get(0).targetGroupArn();
                    steps.put("1 target group", Outcome.of(() -> c.elb.describeTargetGroups(r -> r
                            .targetGroupArns(tg))));
                    String listener = c.elb.createListener(r -> r.loadBalancerArn(lb).protocol("HTTP").port(80)
                            .defaultActions(d -> d.type("fixed-response").fixedResponseConfig(f -> f
                                    .statusCode("404")))).listeners().get(0).listenerArn();
                    steps.put("2 rule", Outcome.of(() -> c.elb.createRule(r -> r.listenerArn(listener).priority(5)
                            .conditions(cd -> cd.field("path-pattern").values("/diff/*"))
                            .actions(ac -> ac.type("forward").targetGroupArn(tg)))));
                    steps.put("3 same priority", Outcome.of(() -> c.elb.createRule(r -> r.listenerArn(listener)
                            .priority(5).conditions(cd -> cd.field("path-pattern").values("/other/*"))
                            .actions(ac -> ac.type("forward").targetGroupArn(tg)))));
                    steps.put("4 delete target group in use", Outcome.of(() -> c.elb.deleteTargetGroup(r -> r
                            .targetGroupArn(tg))));
                    return Outcome.steps(steps);
                }));
    }
}
