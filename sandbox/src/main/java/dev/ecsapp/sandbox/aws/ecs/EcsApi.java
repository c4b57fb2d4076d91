package dev.ecsapp.sandbox.aws.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsapp.sandbox.aws.Account;
import dev.ecsapp.sandbox.aws.ApiSpec;
import dev.ecsapp.sandbox.aws.AwsApi;
import dev.ecsapp.sandbox.aws.ContainerLogs;
import dev.ecsapp.sandbox.aws.ImageRegistry;
import dev.ecsapp.sandbox.aws.LoadBalancerTargets;
import dev.ecsapp.sandbox.aws.Pagination;
import dev.ecsapp.sandbox.aws.ScalableServices;
import dev.ecsapp.sandbox.aws.SecretValues;
import dev.ecsapp.sandbox.aws.ec2.Ec2Api;
import dev.ecsapp.sandbox.aws.protocol.AwsException;
import dev.ecsapp.sandbox.aws.protocol.JsonCodec;
import dev.ecsapp.sandbox.runtime.LocalRuntime;
import dev.ecsapp.sandbox.time.Scheduler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import software.amazon.awssdk.services.ecs.model.*;

/**
 * Amazon ECS on Fargate: clusters, task definitions, services with rolling deployments, tasks, tags. Validation and
 * error codes follow the ECS API reference; the behaviour over time lives in {@link ServiceScheduler}.
 */
public final class EcsApi implements AwsApi, ScalableServices {

    private static final ApiSpec SPEC = ApiSpec.json("ecs", "AmazonEC2ContainerServiceV20141113",
            "software.amazon.awssdk.services.ecs.model");
    /** The cluster the reference architecture's Terraform makes; the sandbox has it from the start. */
    public static final String DEFAULT_CLUSTER = "sandbox";

    private final Account account;
    private final Scheduler scheduler;
    private final Ec2Api network;
    private final LoadBalancerTargets targets;
    private final EcsIds ids = new EcsIds();
    private final Map<String, Cluster> clusters = new LinkedHashMap<>();
    private final Map<String, List<Tag>> tags = new HashMap<>();
    /** family → revisions, index = revision - 1. */
    private final Map<String, List<TaskDefinition>> taskDefinitions = new TreeMap<>();
    /** cluster name → service name → service. */
    private final Map<String, Map<String, ServiceRecord>> services = new HashMap<>();
    private final Map<String, TaskRecord> tasks = new LinkedHashMap<>();
    private final ServiceScheduler serviceScheduler;

    public EcsApi(Account account, Scheduler scheduler, Ec2Api network, ImageRegistry images,
            LoadBalancerTargets targets) {
        this(account, scheduler, network, images, targets, LocalRuntime.disabled("Local tasks not enabled"));
    }

    /** With a runtime that runs tasks whose image it can run as local processes (the others stay simulated). */
    public EcsApi(Account account, Scheduler scheduler, Ec2Api network, ImageRegistry images,
            LoadBalancerTargets targets, LocalRuntime runtime) {
        this(account, scheduler, network, images, targets, runtime, SecretValues.NONE, ContainerLogs.NONE);
    }

    /**
     * With a runtime for local tasks, what their secrets resolve from, and where their awslogs lines go.
     */
    public EcsApi(Account account, Scheduler scheduler, Ec2Api network, ImageRegistry images,
            LoadBalancerTargets targets, LocalRuntime runtime, SecretValues secrets, ContainerLogs logs) {
        this.account = account;
        this.scheduler = scheduler;
        this.network = network;
        this.targets = targets;
        this.serviceScheduler = new ServiceScheduler(account, scheduler, network, images, targets, ids, tasks,
                this::taskDefinitionByArn, runtime, secrets, logs);
        reset();
    }

    @Override
    public ApiSpec spec() {
        return SPEC;
    }

    @Override
    public void reset() {
        clusters.clear();
        tags.clear();
        taskDefinitions.clear();
        services.clear();
        tasks.clear();
        ids.reset();
        createCluster(CreateClusterRequest.builder().clusterName(DEFAULT_CLUSTER)
                .capacityProviders("FARGATE", "FARGATE_SPOT")
                .settings(ClusterSetting.builder().name("containerInsights").value("enabled").build()).build());
    }

    // ---- clusters ----------------------------------------------------------------------------------------

    public CreateClusterResponse createCluster(CreateClusterRequest request) {
        String name = request.clusterName() == null ? "default" : request.clusterName();
        EcsRules.checkName("clusterName", name);
        Cluster existing = clusters.get(name);
        if (existing != null && existing.status().equals("ACTIVE")) {
            return CreateClusterResponse.builder().cluster(describeCluster(existing)).build();
        }
        Cluster cluster = Cluster.builder()
                .clusterArn(account.arn("ecs", "cluster/" + name))
                .clusterName(name)
                .status("ACTIVE")
                .capacityProviders(request.capacityProviders())
                .defaultCapacityProviderStrategy(request.defaultCapacityProviderStrategy())
                .settings(request.hasSettings() ? request.settings() : List.of(ClusterSetting.builder()
                        .name("containerInsights").value("disabled").build()))
                .build();
        clusters.put(name, cluster);
        tags.put(cluster.clusterArn(), new ArrayList<>(request.tags()));
        return CreateClusterResponse.builder().cluster(describeCluster(cluster)).build();
    }

    public DescribeClustersResponse describeClusters(DescribeClustersRequest request) {
        List<String> wanted = request.hasClusters() ? request.clusters() : List.of("default");
        if (wanted.size() > 100) {
            throw new AwsException("InvalidParameterException", "clusters can have at most 100 items.");
        }
        List<Cluster> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String ref : wanted) {
            Cluster cluster = clusters.get(clusterName(ref));
            if (cluster == null) {
                failures.add(Failure.builder().arn(account.arn("ecs", "cluster/" + clusterName(ref)))
                        .reason("MISSING").build());
            } else {
                Cluster described = describeCluster(cluster);
                if (request.include().contains(ClusterField.TAGS)) {
                    described = described.toBuilder().tags(tags.getOrDefault(cluster.clusterArn(), List.of())).build();
                }
                found.add(described);
            }
        }
        return DescribeClustersResponse.builder().clusters(found).failures(failures).build();
    }

    public ListClustersResponse listClusters(ListClustersRequest request) {
        List<String> arns = clusters.values().stream().filter(c -> c.status().equals("ACTIVE"))
                .map(Cluster::clusterArn).toList();
        Pagination.Page<String> page = Page.of(arns, request.maxResults(), 100, request.nextToken());
        return ListClustersResponse.builder().clusterArns(page.items()).nextToken(page.nextToken()).build();
    }

    public DeleteClusterResponse deleteCluster(DeleteClusterRequest request) {
        Cluster cluster = activeCluster(request.cluster());
        boolean hasServices = services.getOrDefault(cluster.clusterName(), Map.of()).values().stream()
                .anyMatch(s -> !s.status.equals("INACTIVE"));
        if (hasServices) {
            throw new AwsException("ClusterContainsServicesException", "The Cluster cannot be deleted while Services "
                    + "are active.");
        }
        if (tasks.values().stream().anyMatch(t -> t.clusterArn.equals(cluster.clusterArn()) && !t.stopped())) {
            throw new AwsException("ClusterContainsTasksException", "The Cluster cannot be deleted while Tasks are "
                    + "active.");
        }
        Cluster inactive = cluster.toBuilder().status("INACTIVE").build();
        clusters.put(cluster.clusterName(), inactive);
        return DeleteClusterResponse.builder().cluster(describeCluster(inactive)).build();
    }

    private Cluster describeCluster(Cluster cluster) {
        List<ServiceRecord> active = services.getOrDefault(cluster.clusterName(), Map.of()).values().stream()
                .filter(s -> s.status.equals("ACTIVE")).toList();
        long running = tasks.values().stream().filter(t -> t.clusterArn.equals(cluster.clusterArn())
                && t.lastStatus.equals("RUNNING")).count();
        long pending = tasks.values().stream().filter(t -> t.clusterArn.equals(cluster.clusterArn())
                && (t.lastStatus.equals("PROVISIONING") || t.lastStatus.equals("PENDING"))).count();
        return cluster.toBuilder().activeServicesCount(active.size()).runningTasksCount((int) running)
                .pendingTasksCount((int) pending).registeredContainerInstancesCount(0).build();
    }

    /** Accepts a cluster name or ARN, like every ECS call; none means "default". */
    private static String clusterName(String ref) {
        if (ref == null) {
            return "default";
        }
        int slash = ref.lastIndexOf('/');
        return ref.startsWith("arn:") && slash > 0 ? ref.substring(slash + 1) : ref;
    }

    private Cluster activeCluster(String ref) {
        Cluster cluster = clusters.get(clusterName(ref));
        if (cluster == null || !cluster.status().equals("ACTIVE")) {
            throw new AwsException("ClusterNotFoundException", "Cluster not found.");
        }
        return cluster;
    }

    // ---- task definitions --------------------------------------------------------------------------------

    public RegisterTaskDefinitionResponse registerTaskDefinition(RegisterTaskDefinitionRequest request) {
        EcsRules.checkTaskDefinition(request);
        List<TaskDefinition> revisions = taskDefinitions.computeIfAbsent(request.family(), f -> new ArrayList<>());
        int revision = revisions.size() + 1;
        String arn = account.arn("ecs", "task-definition/" + request.family() + ":" + revision);
        TaskDefinition definition = TaskDefinition.builder()
                .taskDefinitionArn(arn)
                .family(request.family())
                .revision(revision)
                .status("ACTIVE")
                .containerDefinitions(request.containerDefinitions().stream()
                        .map(c -> EcsRules.withAwsDefaults(c, request.networkModeAsString())).toList())
                .taskRoleArn(request.taskRoleArn())
                .executionRoleArn(request.executionRoleArn())
                .networkMode(request.networkModeAsString())
                .volumes(new ArrayList<>(request.volumes()))
                .placementConstraints(new ArrayList<>(request.placementConstraints()))
                .requiresCompatibilitiesWithStrings(request.requiresCompatibilitiesAsStrings())
                .compatibilitiesWithStrings("EC2", "FARGATE")
                .requiresAttributes(EcsRules.requiredAttributes(request))
                .cpu(request.cpu())
                .memory(request.memory())
                .runtimePlatform(request.runtimePlatform())
                .ephemeralStorage(request.ephemeralStorage())
                .registeredAt(scheduler.now())
                .registeredBy("arn:aws:iam::" + account.id() + ":user/sandbox")
                .build();
        revisions.add(definition);
        tags.put(arn, new ArrayList<>(request.tags()));
        return RegisterTaskDefinitionResponse.builder().taskDefinition(definition).tags(request.tags()).build();
    }

    public DescribeTaskDefinitionResponse describeTaskDefinition(DescribeTaskDefinitionRequest request) {
        TaskDefinition definition = findTaskDefinition(request.taskDefinition())
                .orElseThrow(() -> new AwsException("ClientException", "Unable to describe task definition."));
        DescribeTaskDefinitionResponse.Builder response = DescribeTaskDefinitionResponse.builder()
                .taskDefinition(definition);
        if (request.include().contains(TaskDefinitionField.TAGS)) {
            response.tags(tags.getOrDefault(definition.taskDefinitionArn(), List.of()));
        }
        return response.build();
    }

    public DeregisterTaskDefinitionResponse deregisterTaskDefinition(DeregisterTaskDefinitionRequest request) {
        TaskDefinition definition = findTaskDefinition(request.taskDefinition())
                .filter(d -> d.revision() != null && request.taskDefinition().contains(":"))
                .orElseThrow(() -> new AwsException("ClientException", "The specified task definition does not "
                        + "exist."));
        if (!definition.statusAsString().equals("ACTIVE")) {
            throw new AwsException("ClientException", "The specified task definition is already inactive.");
        }
        TaskDefinition inactive = definition.toBuilder().status("INACTIVE").deregisteredAt(scheduler.now()).build();
        taskDefinitions.get(definition.family()).set(definition.revision() - 1, inactive);
        return DeregisterTaskDefinitionResponse.builder().taskDefinition(inactive).build();
    }

    public DeleteTaskDefinitionsResponse deleteTaskDefinitions(DeleteTaskDefinitionsRequest request) {
        List<TaskDefinition> deleted = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String ref : request.taskDefinitions()) {
            Optional<TaskDefinition> found = findTaskDefinition(ref);
            if (found.isEmpty()) {
                failures.add(Failure.builder().arn(ref).reason("The specified task definition does not exist.")
                        .build());
            } else if (found.get().statusAsString().equals("ACTIVE")) {
                failures.add(Failure.builder().arn(found.get().taskDefinitionArn())
                        .reason("The specified task definition is still in ACTIVE status. Please deregister the "
                                + "target and try again.").build());
            } else {
                TaskDefinition gone = found.get().toBuilder().status("DELETE_IN_PROGRESS").build();
                taskDefinitions.get(gone.family()).set(gone.revision() - 1, gone);
                deleted.add(gone);
            }
        }
        return DeleteTaskDefinitionsResponse.builder().taskDefinitions(deleted).failures(failures).build();
    }

    public ListTaskDefinitionsResponse listTaskDefinitions(ListTaskDefinitionsRequest request) {
        String status = request.statusAsString() == null ? "ACTIVE" : request.statusAsString();
        List<TaskDefinition> all = new ArrayList<>();
        taskDefinitions.forEach((family, revisions) -> {
            if (request.familyPrefix() == null || family.startsWith(request.familyPrefix())) {
                revisions.stream().filter(d -> d.statusAsString().equals(status)).forEach(all::add);
            }
        });
        Comparator<TaskDefinition> order = Comparator.comparing(TaskDefinition::family)
                .thenComparing(TaskDefinition::revision);
        all.sort("DESC".equals(request.sortAsString()) ? order.reversed() : order);
        Pagination.Page<String> page = Page.of(all.stream().map(TaskDefinition::taskDefinitionArn).toList(),
                request.maxResults(), 100, request.nextToken());
        return ListTaskDefinitionsResponse.builder().taskDefinitionArns(page.items()).nextToken(page.nextToken())
                .build();
    }

    public ListTaskDefinitionFamiliesResponse listTaskDefinitionFamilies(ListTaskDefinitionFamiliesRequest request) {
        List<String> families = taskDefinitions.entrySet().stream()
                .filter(e -> request.familyPrefix() == null || e.getKey().startsWith(request.familyPrefix()))
                .filter(e -> request.status() == null || request.statusAsString().equals("ALL")
                        || e.getValue().stream().anyMatch(d -> d.statusAsString().equals(request.statusAsString())))
                .map(Map.Entry::getKey).toList();
        Pagination.Page<String> page = Page.of(families, request.maxResults(), 100, request.nextToken());
        return ListTaskDefinitionFamiliesResponse.builder().families(page.items()).nextToken(page.nextToken()).build();
    }

    /** "family" (its latest ACTIVE revision), "family:revision", or the ARN of either. */
    private Optional<TaskDefinition> findTaskDefinition(String ref) {
        if (ref == null) {
            return Optional.empty();
        }
        String name = ref.startsWith("arn:") ? ref.substring(ref.indexOf("task-definition/") + 16) : ref;
        int colon = name.lastIndexOf(':');
        List<TaskDefinition> revisions = taskDefinitions.get(colon < 0 ? name : name.substring(0, colon));
        if (revisions == null) {
            return Optional.empty();
        }
        if (colon < 0) {
            return revisions.stream().filter(d -> d.statusAsString().equals("ACTIVE"))
                    .max(Comparator.comparing(TaskDefinition::revision));
        }
        try {
            int revision = Integer.parseInt(name.substring(colon + 1));
            return revision >= 1 && revision <= revisions.size()
                    && !revisions.get(revision - 1).statusAsString().equals("DELETE_IN_PROGRESS")
                    ? Optional.of(revisions.get(revision - 1)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private TaskDefinition taskDefinitionByArn(String arn) {
        return findTaskDefinition(arn).orElseThrow();
    }

    // ---- services ----------------------------------------------------------------------------------------

    public CreateServiceResponse createService(CreateServiceRequest request) {
        Cluster cluster = activeCluster(request.cluster());
        EcsRules.checkName("serviceName", request.serviceName());
        Map<String, ServiceRecord> inCluster = services.computeIfAbsent(cluster.clusterName(), c -> new HashMap<>());
        String fingerprint = EcsRules.fingerprint(request);
        ServiceRecord existing = inCluster.get(request.serviceName());
        if (existing != null && !existing.status.equals("INACTIVE")) {
            if (request.clientToken() != null && request.clientToken().equals(existing.clientToken)
                    && fingerprint.equals(existing.createRequestFingerprint)) {
                return CreateServiceResponse.builder().service(describe(existing, false)).build();
            }
            throw new AwsException("InvalidParameterException", "Creation of service was not idempotent.");
        }
        TaskDefinition definition = activeTaskDefinition(request.taskDefinition());
        EcsRules.checkServiceSettings(request.desiredCount(), request.deploymentConfiguration(),
                request.healthCheckGracePeriodSeconds(), request.loadBalancers(), request.launchTypeAsString(),
                request.capacityProviderStrategy());
        checkCapacityProviders(cluster, request.capacityProviderStrategy());
        checkNetwork(request.networkConfiguration(), definition);
        checkLoadBalancers(request.loadBalancers(), definition);

        ServiceRecord service = new ServiceRecord(account.arn("ecs", "service/" + cluster.clusterName() + "/"
                + request.serviceName()), request.serviceName(), cluster.clusterArn(), cluster.clusterName(),
                scheduler.now(), request.clientToken(), fingerprint);
        service.desiredCount = request.desiredCount() == null ? 0 : request.desiredCount();
        service.taskDefinitionArn = definition.taskDefinitionArn();
        service.loadBalancers = request.loadBalancers();
        service.network = request.networkConfiguration();
        service.deploymentConfiguration = EcsRules.withDefaults(request.deploymentConfiguration());
        service.capacityProviders = request.capacityProviderStrategy();
        service.launchType = service.capacityProviders.isEmpty() ? "FARGATE" : null;
        service.healthCheckGracePeriodSeconds = request.healthCheckGracePeriodSeconds() != null
                ? request.healthCheckGracePeriodSeconds() : request.loadBalancers().isEmpty() ? null : 0;
        service.propagateTags = request.propagateTagsAsString() == null ? "NONE" : request.propagateTagsAsString();
        service.enableEcsManagedTags = Boolean.TRUE.equals(request.enableECSManagedTags());
        service.enableExecuteCommand = Boolean.TRUE.equals(request.enableExecuteCommand());
        service.tags = new ArrayList<>(request.tags());
        service.deployments.add(new DeploymentRecord(ids.deploymentId(), service.taskDefinitionArn, scheduler.now(),
                service.network, service.launchType, service.capacityProviders, service.desiredCount));
        inCluster.put(service.name, service);
        tags.put(service.arn, service.tags);
        serviceScheduler.queueStep(service);
        return CreateServiceResponse.builder().service(describe(service, false)).build();
    }

    public UpdateServiceResponse updateService(UpdateServiceRequest request) {
        Cluster cluster = activeCluster(request.cluster());
        ServiceRecord service = activeService(cluster, request.service());
        TaskDefinition definition = request.taskDefinition() == null ? taskDefinitionByArn(service.taskDefinitionArn)
                : activeTaskDefinition(request.taskDefinition());
        List<LoadBalancer> loadBalancers = request.hasLoadBalancers() ? request.loadBalancers()
                : service.loadBalancers;
        NetworkConfiguration network = request.networkConfiguration() != null ? request.networkConfiguration()
                : service.network;
        List<CapacityProviderStrategyItem> capacity = request.hasCapacityProviderStrategy()
                ? request.capacityProviderStrategy() : service.capacityProviders;
        EcsRules.checkServiceSettings(request.desiredCount(), request.deploymentConfiguration(),
                request.healthCheckGracePeriodSeconds(), loadBalancers, null, capacity);
        // Only what the request changes is checked again: a service whose listener rule is already gone can still be
        // scaled to zero for deletion, as on AWS.
        if (request.hasCapacityProviderStrategy()) {
            checkCapacityProviders(cluster, capacity);
        }
        boolean newRevision = !definition.taskDefinitionArn().equals(service.taskDefinitionArn);
        if (request.networkConfiguration() != null || newRevision) {
            checkNetwork(network, definition);
        }
        if (request.hasLoadBalancers() || newRevision) {
            checkLoadBalancers(loadBalancers, definition);
        }

        boolean newDeployment = Boolean.TRUE.equals(request.forceNewDeployment())
                || !definition.taskDefinitionArn().equals(service.taskDefinitionArn)
                || !Objects.equals(network, service.network)
                || !Objects.equals(loadBalancers, service.loadBalancers)
                || !Objects.equals(capacity, service.capacityProviders);
        if (request.desiredCount() != null) {
            service.desiredCount = request.desiredCount();
        }
        if (request.deploymentConfiguration() != null) {
            service.deploymentConfiguration = EcsRules.withDefaults(request.deploymentConfiguration());
        }
        if (request.healthCheckGracePeriodSeconds() != null) {
            service.healthCheckGracePeriodSeconds = request.healthCheckGracePeriodSeconds();
        }
        if (request.propagateTags() != null) {
            service.propagateTags = request.propagateTagsAsString();
        }
        if (request.enableExecuteCommand() != null) {
            service.enableExecuteCommand = request.enableExecuteCommand();
        }
        if (newDeployment) {
            service.taskDefinitionArn = definition.taskDefinitionArn();
            service.loadBalancers = loadBalancers;
            service.network = network;
            service.capacityProviders = capacity;
            service.launchType = capacity.isEmpty() ? "FARGATE" : null;
            DeploymentRecord previous = service.primary();
            previous.status = "ACTIVE";
            service.deployments.add(0, new DeploymentRecord(ids.deploymentId(), service.taskDefinitionArn,
                    scheduler.now(), network, service.launchType, capacity, service.desiredCount));
        }
        serviceScheduler.queueStep(service);
        return UpdateServiceResponse.builder().service(describe(service, false)).build();
    }

    public DeleteServiceResponse deleteService(DeleteServiceRequest request) {
        Cluster cluster = activeCluster(request.cluster());
        ServiceRecord service = activeService(cluster, request.service());
        if (service.desiredCount > 0 && !Boolean.TRUE.equals(request.force())) {
            throw new AwsException("InvalidParameterException", "The service cannot be stopped while it is scaled "
                    + "above 0.");
        }
        service.desiredCount = 0;
        service.status = "DRAINING";
        serviceScheduler.queueStep(service);
        return DeleteServiceResponse.builder().service(describe(service, false)).build();
    }

    public DescribeServicesResponse describeServices(DescribeServicesRequest request) {
        Cluster cluster = activeCluster(request.cluster());
        if (!request.hasServices() || request.services().isEmpty()) {
            throw new AwsException("InvalidParameterException", "Services cannot be empty.");
        }
        if (request.services().size() > 10) {
            throw new AwsException("InvalidParameterException", "services can have at most 10 items.");
        }
        boolean withTags = request.include().contains(ServiceField.TAGS);
        List<Service> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String ref : request.services()) {
            ServiceRecord service = services.getOrDefault(cluster.clusterName(), Map.of()).get(serviceName(ref));
            if (service == null) {
                failures.add(Failure.builder().arn(account.arn("ecs", "service/" + cluster.clusterName() + "/"
                        + serviceName(ref))).reason("MISSING").build());
            } else {
                found.add(describe(service, withTags));
            }
        }
        return DescribeServicesResponse.builder().services(found).failures(failures).build();
    }

    public ListServicesResponse listServices(ListServicesRequest request) {
        Cluster cluster = activeCluster(request.cluster());
        List<String> arns = services.getOrDefault(cluster.clusterName(), Map.of()).values().stream()
                .filter(s -> !s.status.equals("INACTIVE"))
                .filter(s -> request.launchType() == null || request.launchTypeAsString().equals(s.launchType))
                .sorted(Comparator.comparing(s -> s.createdAt)).map(s -> s.arn).toList();
        Pagination.Page<String> page = Page.of(arns, request.maxResults(), 100, request.nextToken());
        return ListServicesResponse.builder().serviceArns(page.items()).nextToken(page.nextToken()).build();
    }

    private Service describe(ServiceRecord s, boolean withTags) {
        List<TaskRecord> live = serviceScheduler.tasksOf(s);
        List<Deployment> deployments = new ArrayList<>();
        for (DeploymentRecord d : s.deployments) {
            int running = (int) live.stream().filter(t -> t.deploymentId.equals(d.id)
                    && t.lastStatus.equals("RUNNING")).count();
            int pending = (int) live.stream().filter(t -> t.deploymentId.equals(d.id)
                    && (t.lastStatus.equals("PROVISIONING") || t.lastStatus.equals("PENDING"))).count();
            deployments.add(d.toSdk(running, pending));
        }
        Service.Builder service = Service.builder()
                .serviceArn(s.arn)
                .serviceName(s.name)
                .clusterArn(s.clusterArn)
                .status(s.status)
                .desiredCount(s.desiredCount)
                .runningCount((int) live.stream().filter(t -> t.lastStatus.equals("RUNNING")).count())
                .pendingCount((int) live.stream().filter(t -> t.lastStatus.equals("PROVISIONING")
                        || t.lastStatus.equals("PENDING")).count())
                .launchType(s.launchType)
                .capacityProviderStrategy(s.capacityProviders)
                .platformVersion("LATEST")
                .platformFamily("Linux")
                .taskDefinition(s.taskDefinitionArn)
                // ECS answers these lists empty rather than leaving them out (CreateService's examples).
                .loadBalancers(new ArrayList<>(s.loadBalancers))
                .serviceRegistries(new ArrayList<>())
                .placementConstraints(new ArrayList<>())
                .placementStrategy(new ArrayList<>())
                .networkConfiguration(s.network)
                .deploymentConfiguration(s.deploymentConfiguration)
                .deploymentController(DeploymentController.builder().type("ECS").build())
                .deployments(deployments)
                .events(new ArrayList<>(s.events))
                .createdAt(s.createdAt)
                .createdBy("arn:aws:iam::" + account.id() + ":user/sandbox")
                .healthCheckGracePeriodSeconds(s.healthCheckGracePeriodSeconds)
                .schedulingStrategy("REPLICA")
                .propagateTags(s.propagateTags)
                .enableECSManagedTags(s.enableEcsManagedTags)
                .enableExecuteCommand(s.enableExecuteCommand)
                .roleArn("arn:aws:iam::" + account.id() + ":role/aws-service-role/ecs.amazonaws.com/"
                        + "AWSServiceRoleForECS");
        if (withTags) {
            service.tags(s.tags);
        }
        return service.build();
    }

    /** The service UpdateService and DeleteService act on: it must exist and be ACTIVE, as ECS insists. */
    private ServiceRecord activeService(Cluster cluster, String ref) {
        ServiceRecord service = services.getOrDefault(cluster.clusterName(), Map.of()).get(serviceName(ref));
        if (service == null) {
            throw new AwsException("ServiceNotFoundException", "Service not found.");
        }
        if (!service.status.equals("ACTIVE")) {
            throw new AwsException("ServiceNotActiveException", "Service was not ACTIVE.");
        }
        return service;
    }

    private static String serviceName(String ref) {
        int slash = ref.lastIndexOf('/');
        return ref.startsWith("arn:") && slash > 0 ? ref.substring(slash + 1) : ref;
    }

    private TaskDefinition activeTaskDefinition(String ref) {
        TaskDefinition definition = findTaskDefinition(ref).orElseThrow(() ->
                new AwsException("InvalidParameterException", "Unable to find task definition '" + ref + "'."));
        if (!definition.statusAsString().equals("ACTIVE")) {
            throw new AwsException("InvalidParameterException", "TaskDefinition is inactive");
        }
        return definition;
    }

    private void checkCapacityProviders(Cluster cluster, List<CapacityProviderStrategyItem> strategy) {
        for (CapacityProviderStrategyItem item : strategy) {
            if (!cluster.capacityProviders().contains(item.capacityProvider())) {
                throw new AwsException("InvalidParameterException", "The specified capacity provider strategy "
                        + "cannot contain a capacity provider that is not associated with the cluster. Associate "
                        + "the capacity provider with the cluster or specify a valid capacity provider and try "
                        + "again.");
            }
        }
    }

    private void checkNetwork(NetworkConfiguration configuration, TaskDefinition definition) {
        if (!"awsvpc".equals(definition.networkModeAsString())) {
            throw new AwsException("InvalidParameterException", "Task definition does not support launch_type "
                    + "FARGATE.");
        }
        if (configuration == null || configuration.awsvpcConfiguration() == null) {
            throw new AwsException("InvalidParameterException", "Network Configuration must be provided when "
                    + "networkMode 'awsvpc' is specified.");
        }
        AwsVpcConfiguration vpc = configuration.awsvpcConfiguration();
        if (vpc.subnets().isEmpty() || vpc.subnets().size() > 16) {
            throw new AwsException("InvalidParameterException", vpc.subnets().isEmpty()
                    ? "subnets can not be empty." : "subnets can have at most 16 items.");
        }
        if (vpc.securityGroups().size() > 5) {
            throw new AwsException("InvalidParameterException", "securityGroups can have at most 5 items.");
        }
        for (String subnet : vpc.subnets()) {
            if (network.subnet(subnet).isEmpty()) {
                throw new AwsException("InvalidParameterException", "Error retrieving subnet information for ["
                        + subnet + "]: The subnet ID '" + subnet + "' does not exist (Service: AmazonEC2; Status "
                        + "Code: 400; Error Code: InvalidSubnetID.NotFound)");
            }
        }
        for (String group : vpc.securityGroups()) {
            if (!network.securityGroupExists(group)) {
                throw new AwsException("InvalidParameterException", "Error retrieving security group information "
                        + "for [" + group + "]: The security group '" + group + "' does not exist (Service: "
                        + "AmazonEC2; Status Code: 400; Error Code: InvalidGroup.NotFound)");
            }
        }
    }

    private void checkLoadBalancers(List<LoadBalancer> loadBalancers, TaskDefinition definition) {
        for (LoadBalancer lb : loadBalancers) {
            if (lb.targetGroupArn() == null) {
                throw new AwsException("InvalidParameterException", "targetGroupArn is required for an "
                        + "Application Load Balancer.");
            }
            Optional<String> problem = targets.problemWith(lb.targetGroupArn());
            if (problem.isPresent()) {
                throw new AwsException("InvalidParameterException", problem.get());
            }
            boolean portDefined = definition.containerDefinitions().stream()
                    .filter(c -> c.name().equals(lb.containerName()))
                    .anyMatch(c -> c.portMappings().stream().anyMatch(p -> Objects.equals(p.containerPort(),
                            lb.containerPort())));
            if (!portDefined) {
                throw new AwsException("InvalidParameterException", "The container " + lb.containerName()
                        + " did not have a container port " + lb.containerPort() + " defined.");
            }
        }
    }

    // ---- tasks -------------------------------------------------------------------------------------------

    public ListTasksResponse listTasks(ListTasksRequest request) {
        Cluster cluster = activeCluster(request.cluster());
        String desired = request.desiredStatusAsString() == null ? "RUNNING" : request.desiredStatusAsString();
        if (request.serviceName() != null && !services.getOrDefault(cluster.clusterName(), Map.of())
                .containsKey(serviceName(request.serviceName()))) {
            throw new AwsException("ServiceNotFoundException", "Service not found.");
        }
        List<String> arns = tasks.values().stream()
                .filter(t -> t.clusterArn.equals(cluster.clusterArn()))
                .filter(t -> t.desiredStatus.equals(desired))
                .filter(t -> request.serviceName() == null || t.serviceName.equals(serviceName(request.serviceName())))
                .filter(t -> request.family() == null || t.definition.family().equals(request.family()))
                .filter(t -> request.startedBy() == null || t.deploymentId.equals(request.startedBy()))
                .map(t -> t.arn).toList();
        Pagination.Page<String> page = Page.of(arns, request.maxResults(), 100, request.nextToken());
        return ListTasksResponse.builder().taskArns(page.items()).nextToken(page.nextToken()).build();
    }

    public DescribeTasksResponse describeTasks(DescribeTasksRequest request) {
        Cluster cluster = activeCluster(request.cluster());
        if (!request.hasTasks() || request.tasks().isEmpty()) {
            throw new AwsException("InvalidParameterException", "Tasks cannot be empty.");
        }
        if (request.tasks().size() > 100) {
            throw new AwsException("InvalidParameterException", "tasks can have at most 100 items.");
        }
        List<Task> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String ref : request.tasks()) {
            String id = ref.substring(ref.lastIndexOf('/') + 1);
            TaskRecord task = tasks.get(account.arn("ecs", "task/" + cluster.clusterName() + "/" + id));
            if (task == null) {
                failures.add(Failure.builder().arn(account.arn("ecs", "task/" + cluster.clusterName() + "/" + id))
                        .reason("MISSING").build());
            } else {
                found.add(task.toSdk());
            }
        }
        return DescribeTasksResponse.builder().tasks(found).failures(failures).build();
    }

    // ---- tags --------------------------------------------------------------------------------------------

    public TagResourceResponse tagResource(TagResourceRequest request) {
        List<Tag> current = taggable(request.resourceArn());
        for (Tag tag : request.tags()) {
            current.removeIf(t -> t.key().equals(tag.key()));
            current.add(tag);
        }
        if (current.size() > 50) {
            throw new AwsException("InvalidParameterException", "Tags can have at most 50 items.");
        }
        return TagResourceResponse.builder().build();
    }

    public UntagResourceResponse untagResource(UntagResourceRequest request) {
        taggable(request.resourceArn()).removeIf(t -> request.tagKeys().contains(t.key()));
        return UntagResourceResponse.builder().build();
    }

    public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request) {
        return ListTagsForResourceResponse.builder().tags(taggable(request.resourceArn())).build();
    }

    private List<Tag> taggable(String arn) {
        List<Tag> current = arn == null ? null : tags.get(arn);
        if (current == null) {
            throw new AwsException("InvalidParameterException", "The specified resource does not exist.");
        }
        return current;
    }

    // ---- Application Auto Scaling's view -----------------------------------------------------------------

    @Override
    public OptionalInt desiredCount(String resourceId) {
        return activeService(resourceId).map(s -> OptionalInt.of(s.desiredCount)).orElse(OptionalInt.empty());
    }

    @Override
    public void setDesiredCount(String resourceId, int desiredCount) {
        activeService(resourceId).ifPresent(s -> {
            s.desiredCount = desiredCount;
            serviceScheduler.queueStep(s);
        });
    }

    private Optional<ServiceRecord> activeService(String resourceId) {
        String[] parts = resourceId.split("/");
        if (parts.length != 3 || !parts[0].equals("service")) {
            return Optional.empty();
        }
        ServiceRecord service = services.getOrDefault(parts[1], Map.of()).get(parts[2]);
        return service != null && service.status.equals("ACTIVE") ? Optional.of(service) : Optional.empty();
    }

    // ---- state dump --------------------------------------------------------------------------------------

    @Override
    public JsonNode state(JsonCodec json) {
        ObjectNode state = json.mapper().createObjectNode();
        clusters.values().forEach(c -> state.withArray("clusters").add(json.toTree(describeCluster(c))));
        taskDefinitions.values().forEach(revisions -> revisions.forEach(d ->
                state.withArray("taskDefinitions").add(json.toTree(d))));
        services.values().forEach(inCluster -> inCluster.values().forEach(s ->
                state.withArray("services").add(json.toTree(describe(s, true)))));
        tasks.values().forEach(t -> state.withArray("tasks").add(json.toTree(t.toSdk())));
        return state;
    }
}
