package dev.ecsapp.sandbox.aws.ecs;

import dev.ecsapp.awsfacts.FargateSizes;
import dev.ecsapp.sandbox.aws.protocol.AwsException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.DeploymentCircuitBreaker;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;

/** ECS's input rules that need no state, with the error codes and messages ECS answers them with. */
final class EcsRules {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,255}");

    private EcsRules() {
    }

    static void checkName(String field, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new AwsException("InvalidParameterException", field.equals("clusterName")
                    ? "Cluster name can have up to 255 letters (uppercase and lowercase), numbers, hyphens, and "
                            + "underscores."
                    : "Name can have up to 255 characters: letters (uppercase and lowercase), numbers, underscores, "
                            + "and hyphens.");
        }
    }

    /** RegisterTaskDefinition's checks, Fargate's included (they answer ClientException, not InvalidParameter). */
    static void checkTaskDefinition(RegisterTaskDefinitionRequest request) {
        if (request.family() == null || !NAME.matcher(request.family()).matches()) {
            throw new AwsException("ClientException", "Family contains invalid characters or is too long: up to 255 "
                    + "letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.");
        }
        if (!request.hasContainerDefinitions() || request.containerDefinitions().isEmpty()) {
            throw new AwsException("ClientException", "Container list cannot be empty.");
        }
        Set<String> names = new HashSet<>();
        for (ContainerDefinition container : request.containerDefinitions()) {
            if (container.name() == null || container.image() == null) {
                throw new AwsException("ClientException", "Container.name and Container.image should not be null or "
                        + "empty.");
            }
            if (!names.add(container.name())) {
                throw new AwsException("ClientException", "Duplicate container names are not allowed.");
            }
        }
        boolean fargate = request.requiresCompatibilitiesAsStrings().contains("FARGATE");
        if (!fargate) {
            return;
        }
        if (!"awsvpc".equals(request.networkModeAsString())) {
            throw new AwsException("ClientException", "Fargate only supports network mode 'awsvpc'.");
        }
        if (request.cpu() == null) {
            throw new AwsException("ClientException", "Fargate requires that 'cpu' be defined at the task level.");
        }
        if (request.memory() == null) {
            throw new AwsException("ClientException", "Fargate requires that 'memory' be defined at the task level.");
        }
        OptionalInt cpu = FargateSizes.cpuUnits(request.cpu());
        OptionalInt memory = FargateSizes.memoryMib(request.memory());
        if (cpu.isEmpty() || memory.isEmpty() || !FargateSizes.offered(cpu.getAsInt(), memory.getAsInt())) {
            throw new AwsException("ClientException", "No Fargate configuration exists for given values: "
                    + request.cpu() + " CPU, " + request.memory() + " memory. See the Amazon ECS documentation for "
                    + "the valid values.");
        }
        for (ContainerDefinition container : request.containerDefinitions()) {
            if (container.memory() != null && container.memory() > memory.getAsInt()) {
                throw new AwsException("ClientException", "The 'memory' setting for container '" + container.name()
                        + "' is greater than for the task.");
            }
            boolean awslogs = container.logConfiguration() != null
                    && "awslogs".equals(container.logConfiguration().logDriverAsString());
            if (awslogs && request.executionRoleArn() == null) {
                throw new AwsException("ClientException", "Fargate requires task definition to have execution role "
                        + "ARN to support log driver awslogs.");
            }
        }
    }

    /**
     * The defaults ECS writes into a registered container definition and returns from then on: cpu 0, essential,
     * host port = container port and protocol tcp (awsvpc), and empty lists rather than absent ones. Clients that
     * compare what they sent with what ECS returns must expect these (it is why a naive diff sees drift).
     */
    static ContainerDefinition withAwsDefaults(ContainerDefinition container, String networkMode) {
        ContainerDefinition.Builder filled = container.toBuilder();
        if (container.cpu() == null) {
            filled.cpu(0);
        }
        if (container.essential() == null) {
            filled.essential(true);
        }
        List<PortMapping> ports = new ArrayList<>();
        for (PortMapping port : container.portMappings()) {
            PortMapping.Builder mapping = port.toBuilder();
            if (port.protocol() == null) {
                mapping.protocol("tcp");
            }
            if (port.hostPort() == null && "awsvpc".equals(networkMode)) {
                mapping.hostPort(port.containerPort());
            }
            ports.add(mapping.build());
        }
        filled.portMappings(ports);
        filled.environment(new ArrayList<>(container.environment()));
        filled.mountPoints(new ArrayList<>(container.mountPoints()));
        filled.volumesFrom(new ArrayList<>(container.volumesFrom()));
        return filled.build();
    }

    /** The capability attributes ECS adds to a registered task definition (clients must not treat them as drift). */
    static List<Attribute> requiredAttributes(RegisterTaskDefinitionRequest request) {
        List<Attribute> attributes = new ArrayList<>();
        attributes.add(Attribute.builder().name("com.amazonaws.ecs.capability.docker-remote-api.1.18").build());
        if ("awsvpc".equals(request.networkModeAsString())) {
            attributes.add(Attribute.builder().name("ecs.capability.task-eni").build());
        }
        boolean awslogs = request.containerDefinitions().stream().anyMatch(c -> c.logConfiguration() != null
                && "awslogs".equals(c.logConfiguration().logDriverAsString()));
        if (awslogs) {
            attributes.add(Attribute.builder().name("com.amazonaws.ecs.capability.logging-driver.awslogs").build());
            attributes.add(Attribute.builder().name("ecs.capability.execution-role-awslogs").build());
        }
        if (request.containerDefinitions().stream().anyMatch(c -> c.hasSecrets() && !c.secrets().isEmpty())) {
            attributes.add(Attribute.builder().name("ecs.capability.secrets.asm.environment-variables").build());
        }
        if (request.containerDefinitions().stream().anyMatch(c -> c.healthCheck() != null)) {
            attributes.add(Attribute.builder().name("ecs.capability.container-health-check").build());
        }
        return attributes;
    }

    static void checkServiceSettings(Integer desiredCount, DeploymentConfiguration deployment,
            Integer gracePeriod, List<LoadBalancer> loadBalancers, String launchType,
            List<CapacityProviderStrategyItem> capacity) {
        if (desiredCount != null && desiredCount < 0) {
            throw new AwsException("InvalidParameterException", "Desired count must be 0 or greater.");
        }
        if (deployment != null) {
            Integer max = deployment.maximumPercent();
            Integer min = deployment.minimumHealthyPercent();
            if (max != null && (max < 100 || max > 200)) {
                throw new AwsException("InvalidParameterException", "Maximum percent must be between 100 and 200 "
                        + "for services using the Fargate launch type.");
            }
            if (min != null && (min < 0 || min > 100)) {
                throw new AwsException("InvalidParameterException", "Minimum healthy percent must be between 0 and "
                        + "100.");
            }
        }
        if (gracePeriod != null && (loadBalancers == null || loadBalancers.isEmpty())) {
            throw new AwsException("InvalidParameterException", "Health check grace period is only valid for "
                    + "services configured to use load balancers");
        }
        if (gracePeriod != null && (gracePeriod < 0 || gracePeriod > 2_147_483_647)) {
            throw new AwsException("InvalidParameterException", "Health check grace period must be 0 or greater.");
        }
        if (launchType != null && capacity != null && !capacity.isEmpty()) {
            throw new AwsException("InvalidParameterException", "Specifying both a launch type and capacity "
                    + "provider strategy is not supported. Remove one and try again.");
        }
        if (launchType != null && !launchType.equals("FARGATE")) {
            throw new AwsException("InvalidParameterException", "The sandbox runs Fargate only: launchType must be "
                    + "FARGATE.");
        }
        if (capacity != null) {
            long withBase = capacity.stream().filter(i -> i.base() != null && i.base() > 0).count();
            if (withBase > 1) {
                throw new AwsException("InvalidParameterException", "Only one capacity provider in a strategy can "
                        + "have a base defined.");
            }
        }
    }

    /** ECS's defaults: 100% healthy, 200% at most, circuit breaker off. */
    static DeploymentConfiguration withDefaults(DeploymentConfiguration asked) {
        DeploymentConfiguration.Builder config = asked == null ? DeploymentConfiguration.builder() : asked.toBuilder();
        if (asked == null || asked.maximumPercent() == null) {
            config.maximumPercent(200);
        }
        if (asked == null || asked.minimumHealthyPercent() == null) {
            config.minimumHealthyPercent(100);
        }
        if (asked == null || asked.deploymentCircuitBreaker() == null) {
            config.deploymentCircuitBreaker(DeploymentCircuitBreaker.builder().enable(false).rollback(false).build());
        }
        return config.build();
    }

    /** What makes two CreateService calls the same request: everything but the client token. */
    static String fingerprint(CreateServiceRequest request) {
        return request.toBuilder().clientToken(null).build().toString();
    }
}
