package dev.ecsapp.sandbox.aws.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsapp.sandbox.aws.Account;
import dev.ecsapp.sandbox.aws.ApiSpec;
import dev.ecsapp.sandbox.aws.AwsApi;
import dev.ecsapp.sandbox.aws.Pagination;
import dev.ecsapp.sandbox.aws.ScalableServices;
import dev.ecsapp.sandbox.aws.SimulatedMetrics;
import dev.ecsapp.sandbox.aws.cloudwatch.MetricStore;
import dev.ecsapp.sandbox.aws.protocol.AwsException;
import dev.ecsapp.sandbox.aws.protocol.Constraints;
import dev.ecsapp.sandbox.aws.protocol.JsonCodec;
import dev.ecsapp.sandbox.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import software.amazon.awssdk.services.applicationautoscaling.model.Alarm;
import software.amazon.awssdk.services.applicationautoscaling.model.DeleteScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DeleteScalingPolicyResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.DeregisterScalableTargetRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DeregisterScalableTargetResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingActivitiesRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingActivitiesResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingPoliciesRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingPoliciesResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivity;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.SuspendedState;
import software.amazon.awssdk.services.applicationautoscaling.model.TagResourceRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.TagResourceResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingScalingPolicyConfiguration;
import software.amazon.awssdk.services.applicationautoscaling.model.UntagResourceRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.UntagResourceResponse;

/** Application Auto Scaling for ECS services: targets, target tracking policies, evaluations every 60 seconds. */
public final class AutoScalingApi implements AwsApi {

    private static final ApiSpec SPEC = ApiSpec.json("application-autoscaling", "AnyScaleFrontendService",
            "software.amazon.awssdk.services.applicationautoscaling.model");
    static final Duration EVALUATION_PERIOD = Duration.ofSeconds(60);
    /** Application Auto Scaling keeps scaling activities for six weeks. */
    private static final Duration ACTIVITY_RETENTION = Duration.ofDays(42);
    private static final int MAX_PAGE = 50;
    private static final int MAX_TAGS = 50;

    private final Account account;
    private final Scheduler scheduler;
    private final ScalableServices services;
    private final TargetTrackingEvaluator evaluator;
    private final Map<String, StoredScalableTarget> targets = new TreeMap<>();
    /** By resource ID, then policy name. */
    private final Map<String, StoredScalingPolicy> policies = new TreeMap<>();
    /** Newest first. */
    private final List<ScalingActivity> activities = new ArrayList<>();
    /** Whether an evaluation is scheduled; the generation tells an evaluation scheduled before a reset to stop. */
    private boolean evaluating;
    private long generation;

    public AutoScalingApi(Account account, Scheduler scheduler, ScalableServices services, SimulatedMetrics metrics) {
        this(account, scheduler, services, metrics, new MetricStore());
    }

    /** @param cloudWatch what the load balancers measured, which ALBRequestCountPerTarget policies follow */
    public AutoScalingApi(Account account, Scheduler scheduler, ScalableServices services, SimulatedMetrics metrics,
            MetricStore cloudWatch) {
        this.account = account;
        this.scheduler = scheduler;
        this.services = services;
        this.evaluator = new TargetTrackingEvaluator(scheduler, services, metrics, cloudWatch);
    }

    @Override
    public ApiSpec spec() {
        return SPEC;
    }

    @Override
    public void reset() {
        targets.clear();
        policies.clear();
        activities.clear();
        evaluating = false;
        generation++;
    }

    /**
     * Creates the target, or updates the capacities and suspended state given. Either way the next evaluation brings
     * a desired count outside the range inside it.
     */
    public RegisterScalableTargetResponse registerScalableTarget(RegisterScalableTargetRequest request) {
        String resourceId = request.resourceId();
        EcsScalableTargets.checkTarget(request.serviceNamespaceAsString(), resourceId,
                request.scalableDimensionAsString());
        checkCapacity("minCapacity", request.minCapacity());
        checkCapacity("maxCapacity", request.maxCapacity());
        if (services.desiredCount(resourceId).isEmpty()) {
            throw EcsScalableTargets.invalid("ECS service doesn't exist: " + resourceId);
        }
        StoredScalableTarget target = targets.get(resourceId);
        if (target == null) {
            if (request.minCapacity() == null || request.maxCapacity() == null) {
                throw EcsScalableTargets.invalid("MinCapacity and MaxCapacity are required when registering a new "
                        + "scalable target");
            }
            checkRange(request.minCapacity(), request.maxCapacity());
            target = new StoredScalableTarget(resourceId, newTargetArn(), scheduler.now(), request.minCapacity(),
                    request.maxCapacity(), suspendedState(SuspendedState.builder().build(), request.suspendedState()));
            addTags(target, request.hasTags() ? request.tags() : Map.of());
            targets.put(resourceId, target);
        } else {
            int min = request.minCapacity() == null ? target.minCapacity : request.minCapacity();
            int max = request.maxCapacity() == null ? target.maxCapacity : request.maxCapacity();
            checkRange(min, max);
            target.minCapacity = min;
            target.maxCapacity = max;
            target.suspendedState = suspendedState(target.suspendedState, request.suspendedState());
        }
        target.rangeChanged = true;
        if (!evaluating) {
            evaluating = true;
            scheduleEvaluation();
        }
        return RegisterScalableTargetResponse.builder().scalableTargetARN(target.arn).build();
    }

    public DescribeScalableTargetsResponse describeScalableTargets(DescribeScalableTargetsRequest request) {
        EcsScalableTargets.checkModel(request.serviceNamespaceAsString(), null, request.scalableDimensionAsString());
        int pageSize = pageSize(request.maxResults());
        List<StoredScalableTarget> found = targets.values().stream()
                .filter(t -> EcsScalableTargets.NAMESPACE.equals(request.serviceNamespaceAsString()))
                .filter(t -> request.scalableDimensionAsString() == null
                        || EcsScalableTargets.DIMENSION.equals(request.scalableDimensionAsString()))
                .filter(t -> !request.hasResourceIds() || request.resourceIds().contains(t.resourceId))
                .toList();
        Pagination.Page<StoredScalableTarget> page = Pagination.page(found, request.nextToken(), pageSize,
                AutoScalingApi::invalidToken);
        return DescribeScalableTargetsResponse.builder()
                .scalableTargets(page.items().stream().map(this::describe).toList())
                .nextToken(page.nextToken())
                .build();
    }

    /** Removes the target and its scaling policies (with their alarms), as AWS does. */
    public DeregisterScalableTargetResponse deregisterScalableTarget(DeregisterScalableTargetRequest request) {
        StoredScalableTarget target = target(request.serviceNamespaceAsString(), request.resourceId(),
                request.scalableDimensionAsString());
        targets.remove(target.resourceId);
        policies.values().removeIf(p -> p.resourceId.equals(target.resourceId));
        return DeregisterScalableTargetResponse.builder().build();
    }

    /** Creates or replaces a target tracking policy; a replaced policy keeps its ARN and alarms. */
    public PutScalingPolicyResponse putScalingPolicy(PutScalingPolicyRequest request) {
        EcsScalableTargets.checkTarget(request.serviceNamespaceAsString(), request.resourceId(),
                request.scalableDimensionAsString());
        String name = request.policyName();
        ScalingPolicyRules.nameProblem(name).ifPresent(problem -> {
            throw EcsScalableTargets.invalid(problem);
        });
        ScalingPolicyRules.typeProblem(request.policyTypeAsString()).ifPresent(problem -> {
            throw EcsScalableTargets.invalid(problem);
        });
        TargetTrackingScalingPolicyConfiguration configuration = request.targetTrackingScalingPolicyConfiguration();
        ScalingPolicyRules.configurationProblem(configuration).ifPresent(problem -> {
            throw EcsScalableTargets.invalid(problem);
        });
        StoredScalableTarget target = target(request.serviceNamespaceAsString(), request.resourceId(),
                request.scalableDimensionAsString());
        String key = policyKey(target.resourceId, name);
        StoredScalingPolicy policy = policies.get(key);
        if (policy == null) {
            UUID id = UUID.randomUUID();
            policy = new StoredScalingPolicy(name, target.resourceId, account.arn("autoscaling", "scalingPolicy:" + id
                    + ":resource/ecs/" + target.resourceId + ":policyName/" + name), scheduler.now(),
                    alarm(target.resourceId, "AlarmHigh"), alarm(target.resourceId, "AlarmLow"), configuration);
            policies.put(key, policy);
        } else {
            policy.configuration = configuration;
        }
        return PutScalingPolicyResponse.builder().policyARN(policy.arn)
                .alarms(policy.alarmHigh, policy.alarmLow).build();
    }

    public DescribeScalingPoliciesResponse describeScalingPolicies(DescribeScalingPoliciesRequest request) {
        EcsScalableTargets.checkModel(request.serviceNamespaceAsString(), request.resourceId(),
                request.scalableDimensionAsString());
        int pageSize = pageSize(request.maxResults());
        List<StoredScalingPolicy> found = policies.values().stream()
                .filter(p -> EcsScalableTargets.NAMESPACE.equals(request.serviceNamespaceAsString()))
                .filter(p -> request.scalableDimensionAsString() == null
                        || EcsScalableTargets.DIMENSION.equals(request.scalableDimensionAsString()))
                .filter(p -> request.resourceId() == null || request.resourceId().equals(p.resourceId))
                .filter(p -> !request.hasPolicyNames() || request.policyNames().contains(p.name))
                .toList();
        Pagination.Page<StoredScalingPolicy> page = Pagination.page(found, request.nextToken(), pageSize,
                AutoScalingApi::invalidToken);
        return DescribeScalingPoliciesResponse.builder()
                .scalingPolicies(page.items().stream().map(this::describe).toList())
                .nextToken(page.nextToken())
                .build();
    }

    public DeleteScalingPolicyResponse deleteScalingPolicy(DeleteScalingPolicyRequest request) {
        String resourceId = request.resourceId();
        EcsScalableTargets.checkTarget(request.serviceNamespaceAsString(), resourceId,
                request.scalableDimensionAsString());
        if (request.policyName() == null) {
            throw EcsScalableTargets.invalid(Constraints.notNull("policyName"));
        }
        if (policies.remove(policyKey(resourceId, request.policyName())) == null) {
            throw new AwsException("ObjectNotFoundException", "No scaling policy found for service namespace: "
                    + request.serviceNamespaceAsString() + ", resource ID: " + resourceId + ", scalable dimension: "
                    + request.scalableDimensionAsString() + ", policy name: " + request.policyName());
        }
        return DeleteScalingPolicyResponse.builder().build();
    }

    /** Newest first, for the last six weeks. */
    public DescribeScalingActivitiesResponse describeScalingActivities(DescribeScalingActivitiesRequest request) {
        EcsScalableTargets.checkModel(request.serviceNamespaceAsString(), request.resourceId(),
                request.scalableDimensionAsString());
        int pageSize = pageSize(request.maxResults());
        Instant oldest = scheduler.now().minus(ACTIVITY_RETENTION);
        List<ScalingActivity> found = activities.stream()
                .filter(a -> a.serviceNamespaceAsString().equals(request.serviceNamespaceAsString()))
                .filter(a -> request.scalableDimensionAsString() == null
                        || a.scalableDimensionAsString().equals(request.scalableDimensionAsString()))
                .filter(a -> request.resourceId() == null || a.resourceId().equals(request.resourceId()))
                .filter(a -> !a.startTime().isBefore(oldest))
                .toList();
        Pagination.Page<ScalingActivity> page = Pagination.page(found, request.nextToken(), pageSize,
                AutoScalingApi::invalidToken);
        return DescribeScalingActivitiesResponse.builder().scalingActivities(page.items())
                .nextToken(page.nextToken()).build();
    }

    public TagResourceResponse tagResource(TagResourceRequest request) {
        StoredScalableTarget target = byArn(request.resourceARN());
        if (!request.hasTags()) {
            throw EcsScalableTargets.invalid(Constraints.notNull("tags"));
        }
        addTags(target, request.tags());
        return TagResourceResponse.builder().build();
    }

    public UntagResourceResponse untagResource(UntagResourceRequest request) {
        StoredScalableTarget target = byArn(request.resourceARN());
        if (!request.hasTagKeys()) {
            throw EcsScalableTargets.invalid(Constraints.notNull("tagKeys"));
        }
        request.tagKeys().forEach(target.tags::remove);
        return UntagResourceResponse.builder().build();
    }

    public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request) {
        return ListTagsForResourceResponse.builder().tags(byArn(request.resourceARN()).tags).build();
    }

    @Override
    public JsonNode state(JsonCodec json) {
        ObjectNode state = json.mapper().createObjectNode();
        ArrayNode targetList = state.putArray("scalableTargets");
        for (StoredScalableTarget target : targets.values()) {
            ObjectNode node = json.toTree(describe(target));
            node.set("tags", json.mapper().valueToTree(target.tags));
            targetList.add(node);
        }
        ArrayNode policyList = state.putArray("scalingPolicies");
        policies.values().forEach(p -> policyList.add(json.toTree(describe(p))));
        ArrayNode activityList = state.putArray("scalingActivities");
        activities.forEach(a -> activityList.add(json.toTree(a)));
        return state;
    }

    private void scheduleEvaluation() {
        long scheduledIn = generation;
        scheduler.at(scheduler.now().plus(EVALUATION_PERIOD), () -> {
            if (scheduledIn == generation) {
                evaluate();
            }
        });
    }

    /** One round over every target; the next is scheduled while any target is registered. */
    private void evaluate() {
        if (targets.isEmpty()) {
            evaluating = false;
            return;
        }
        for (StoredScalableTarget target : targets.values()) {
            evaluator.evaluate(target, policiesOf(target).toList()).ifPresent(a -> activities.add(0, a));
        }
        scheduleEvaluation();
    }

    private Stream<StoredScalingPolicy> policiesOf(StoredScalableTarget target) {
        return policies.values().stream().filter(p -> p.resourceId.equals(target.resourceId));
    }

    private StoredScalableTarget target(String namespace, String resourceId, String dimension) {
        EcsScalableTargets.checkTarget(namespace, resourceId, dimension);
        StoredScalableTarget target = targets.get(resourceId);
        if (target == null) {
            throw new AwsException("ObjectNotFoundException", "No scalable target registered for service namespace: "
                    + namespace + ", resource ID: " + resourceId + ", scalable dimension: " + dimension);
        }
        return target;
    }

    private StoredScalableTarget byArn(String arn) {
        if (arn == null) {
            throw EcsScalableTargets.invalid(Constraints.notNull("resourceARN"));
        }
        return targets.values().stream().filter(t -> t.arn.equals(arn)).findFirst()
                .orElseThrow(() -> new AwsException("ResourceNotFoundException", "No scalable target found for the "
                        + "specified resource ARN: " + arn));
    }

    private ScalableTarget describe(StoredScalableTarget target) {
        return ScalableTarget.builder()
                .serviceNamespace(EcsScalableTargets.NAMESPACE)
                .resourceId(target.resourceId)
                .scalableDimension(EcsScalableTargets.DIMENSION)
                .minCapacity(target.minCapacity)
                .maxCapacity(target.maxCapacity)
                // ECS targets use Application Auto Scaling's service-linked role for ECS.
                .roleARN("arn:aws:iam::" + account.id() + ":role/aws-service-role/ecs.application-autoscaling"
                        + ".amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService")
                .creationTime(target.createdAt)
                .suspendedState(target.suspendedState)
                .scalableTargetARN(target.arn)
                .build();
    }

    private ScalingPolicy describe(StoredScalingPolicy policy) {
        return ScalingPolicy.builder()
                .policyARN(policy.arn)
                .policyName(policy.name)
                .serviceNamespace(EcsScalableTargets.NAMESPACE)
                .resourceId(policy.resourceId)
                .scalableDimension(EcsScalableTargets.DIMENSION)
                .policyType(PolicyType.TARGET_TRACKING_SCALING)
                .targetTrackingScalingPolicyConfiguration(policy.configuration)
                .alarms(policy.alarmHigh, policy.alarmLow)
                .creationTime(policy.createdAt)
                .build();
    }

    /** A CloudWatch alarm named as target tracking names the ones it creates. */
    private Alarm alarm(String resourceId, String kind) {
        String name = "TargetTracking-" + resourceId + "-" + kind + "-" + UUID.randomUUID();
        return Alarm.builder().alarmName(name).alarmARN(account.arn("cloudwatch", "alarm:" + name)).build();
    }

    /** {@code scalable-target/} and 36 lower-case hex digits, the shape of AWS's scalable target ARNs. */
    private String newTargetArn() {
        String hex = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().substring(0, 4);
        return account.arn("application-autoscaling", "scalable-target/" + hex);
    }

    private void addTags(StoredScalableTarget target, Map<String, String> tags) {
        Map<String, String> merged = new TreeMap<>(target.tags);
        merged.putAll(tags);
        if (merged.size() > MAX_TAGS) {
            // The API reference's description of TooManyTagsException.
            throw new AwsException("TooManyTagsException", "The request contains too many tags. Try the request "
                    + "again with fewer tags.");
        }
        target.tags.putAll(tags);
    }

    private static SuspendedState suspendedState(SuspendedState current, SuspendedState requested) {
        SuspendedState base = SuspendedState.builder()
                .dynamicScalingInSuspended(Boolean.TRUE.equals(current.dynamicScalingInSuspended()))
                .dynamicScalingOutSuspended(Boolean.TRUE.equals(current.dynamicScalingOutSuspended()))
                .scheduledScalingSuspended(Boolean.TRUE.equals(current.scheduledScalingSuspended()))
                .build();
        if (requested == null) {
            return base;
        }
        return base.toBuilder()
                .dynamicScalingInSuspended(Optional.ofNullable(requested.dynamicScalingInSuspended())
                        .orElse(base.dynamicScalingInSuspended()))
                .dynamicScalingOutSuspended(Optional.ofNullable(requested.dynamicScalingOutSuspended())
                        .orElse(base.dynamicScalingOutSuspended()))
                .scheduledScalingSuspended(Optional.ofNullable(requested.scheduledScalingSuspended())
                        .orElse(base.scheduledScalingSuspended()))
                .build();
    }

    private static void checkCapacity(String member, Integer capacity) {
        if (capacity != null && capacity < 0) {
            throw EcsScalableTargets.invalid(Constraints.minValue(member, capacity, 0));
        }
    }

    private static void checkRange(int min, int max) {
        if (min > max) {
            throw EcsScalableTargets.invalid("Minimum capacity cannot be greater than maximum capacity");
        }
    }

    private static String policyKey(String resourceId, String policyName) {
        return resourceId + '\u0000' + policyName;
    }

    private static int pageSize(Integer maxResults) {
        if (maxResults == null) {
            return MAX_PAGE;
        }
        if (maxResults < 1) {
            throw EcsScalableTargets.invalid(Constraints.minValue("maxResults", maxResults, 1));
        }
        if (maxResults > MAX_PAGE) {
            throw EcsScalableTargets.invalid(Constraints.maxValue("maxResults", maxResults, MAX_PAGE));
        }
        return maxResults;
    }

    private static AwsException invalidToken() {
        return new AwsException("InvalidNextTokenException", "The next token supplied was invalid.");
    }
}
