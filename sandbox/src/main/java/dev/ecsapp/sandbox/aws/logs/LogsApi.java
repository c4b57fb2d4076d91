package dev.ecsapp.sandbox.aws.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsapp.sandbox.aws.Account;
import dev.ecsapp.sandbox.aws.ApiSpec;
import dev.ecsapp.sandbox.aws.AwsApi;
import dev.ecsapp.sandbox.aws.Pagination;
import dev.ecsapp.sandbox.aws.protocol.AwsException;
import dev.ecsapp.sandbox.aws.protocol.Constraints;
import dev.ecsapp.sandbox.aws.protocol.JsonCodec;
import dev.ecsapp.sandbox.time.Scheduler;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogGroupResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteLogGroupResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteRetentionPolicyRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteRetentionPolicyResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListTagsLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListTagsLogGroupResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroupClass;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogGroupDeletionProtectionRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogGroupDeletionProtectionResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutRetentionPolicyRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutRetentionPolicyResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.TagLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.TagLogGroupResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.TagResourceRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.TagResourceResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.UntagLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.UntagLogGroupResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.UntagResourceRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.UntagResourceResponse;

/** CloudWatch Logs, log groups only: what an awslogs task definition writes to, with retention and tags. */
public final class LogsApi implements AwsApi {

    private static final ApiSpec SPEC = ApiSpec.json("logs", "Logs_20140328",
            "software.amazon.awssdk.services.cloudwatchlogs.model");
    private static final int MAX_PAGE = 50;

    private final Account account;
    private final Scheduler scheduler;
    private final Map<String, StoredLogGroup> groups = new TreeMap<>();

    public LogsApi(Account account, Scheduler scheduler) {
        this.account = account;
        this.scheduler = scheduler;
    }

    @Override
    public ApiSpec spec() {
        return SPEC;
    }

    @Override
    public void reset() {
        groups.clear();
    }

    public CreateLogGroupResponse createLogGroup(CreateLogGroupRequest request) {
        String name = request.logGroupName();
        check(LogGroupRules.nameProblem("logGroupName", name));
        LogGroupClass logGroupClass = request.logGroupClass() == null ? LogGroupClass.STANDARD
                : request.logGroupClass();
        if (logGroupClass == LogGroupClass.UNKNOWN_TO_SDK_VERSION) {
            throw invalid(Constraints.enumValue("logGroupClass", request.logGroupClassAsString(),
                    LogGroupClass.knownValues()));
        }
        Map<String, String> tags = request.hasTags() ? request.tags() : Map.of();
        checkTags(tags, tags.size());
        if (groups.containsKey(name)) {
            throw new AwsException("ResourceAlreadyExistsException", "The specified log group already exists");
        }
        StoredLogGroup group = new StoredLogGroup(name, scheduler.now(), logGroupClass.toString(), request.kmsKeyId(),
                Boolean.TRUE.equals(request.deletionProtectionEnabled()));
        group.tags.putAll(tags);
        groups.put(name, group);
        return CreateLogGroupResponse.builder().build();
    }

    /** In name order, as CloudWatch Logs lists them, up to 50 a page. */
    public DescribeLogGroupsResponse describeLogGroups(DescribeLogGroupsRequest request) {
        String prefix = request.logGroupNamePrefix();
        String pattern = request.logGroupNamePattern();
        if (prefix != null && pattern != null) {
            throw invalid("LogGroupNamePrefix and LogGroupNamePattern are mutually exclusive parameters.");
        }
        int limit = limit(request.limit());
        Stream<StoredLogGroup> found = groups.values().stream();
        if (prefix != null) {
            found = found.filter(g -> g.name.startsWith(prefix));
        }
        if (pattern != null) {
            // A case-sensitive substring search, as the API reference describes logGroupNamePattern.
            found = found.filter(g -> g.name.contains(pattern));
        }
        if (request.logGroupClass() != null) {
            found = found.filter(g -> g.logGroupClass.equals(request.logGroupClassAsString()));
        }
        if (request.hasLogGroupIdentifiers()) {
            List<String> identifiers = request.logGroupIdentifiers();
            found = found.filter(g -> identifiers.contains(g.name) || identifiers.contains(arn(g)));
        }
        Pagination.Page<StoredLogGroup> page = Pagination.page(found.toList(), request.nextToken(), limit,
                () -> invalid("The specified nextToken is invalid."));
        return DescribeLogGroupsResponse.builder()
                .logGroups(page.items().stream().map(this::describe).toList())
                .nextToken(page.nextToken())
                .build();
    }

    public DeleteLogGroupResponse deleteLogGroup(DeleteLogGroupRequest request) {
        StoredLogGroup group = group(request.logGroupName());
        if (group.deletionProtection) {
            // https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/protecting-log-groups-from-deletion.html
            throw new AwsException("ValidationException", "Cannot delete log group with deletion protection "
                    + "enabled. Disable deletion protection first.");
        }
        groups.remove(group.name);
        return DeleteLogGroupResponse.builder().build();
    }

    public PutLogGroupDeletionProtectionResponse putLogGroupDeletionProtection(
            PutLogGroupDeletionProtectionRequest request) {
        if (request.deletionProtectionEnabled() == null) {
            throw invalid(Constraints.notNull("deletionProtectionEnabled"));
        }
        String identifier = request.logGroupIdentifier();
        if (identifier == null) {
            throw invalid(Constraints.notNull("logGroupIdentifier"));
        }
        StoredLogGroup group = identifier.startsWith("arn:") ? byArn(identifier) : group(identifier);
        group.deletionProtection = request.deletionProtectionEnabled();
        return PutLogGroupDeletionProtectionResponse.builder().build();
    }

    public PutRetentionPolicyResponse putRetentionPolicy(PutRetentionPolicyRequest request) {
        check(LogGroupRules.nameProblem("logGroupName", request.logGroupName()));
        check(LogGroupRules.retentionProblem(request.retentionInDays()));
        group(request.logGroupName()).retentionInDays = request.retentionInDays();
        return PutRetentionPolicyResponse.builder().build();
    }

    public DeleteRetentionPolicyResponse deleteRetentionPolicy(DeleteRetentionPolicyRequest request) {
        group(request.logGroupName()).retentionInDays = null;
        return DeleteRetentionPolicyResponse.builder().build();
    }

    public TagResourceResponse tagResource(TagResourceRequest request) {
        StoredLogGroup group = byArn(request.resourceArn());
        addTags(group, request.hasTags() ? request.tags() : null);
        return TagResourceResponse.builder().build();
    }

    public UntagResourceResponse untagResource(UntagResourceRequest request) {
        StoredLogGroup group = byArn(request.resourceArn());
        if (!request.hasTagKeys()) {
            throw invalid(Constraints.notNull("tagKeys"));
        }
        request.tagKeys().forEach(group.tags::remove);
        return UntagResourceResponse.builder().build();
    }

    public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request) {
        return ListTagsForResourceResponse.builder().tags(byArn(request.resourceArn()).tags).build();
    }

    public TagLogGroupResponse tagLogGroup(TagLogGroupRequest request) {
        StoredLogGroup group = group(request.logGroupName());
        addTags(group, request.hasTags() ? request.tags() : null);
        return TagLogGroupResponse.builder().build();
    }

    public UntagLogGroupResponse untagLogGroup(UntagLogGroupRequest request) {
        StoredLogGroup group = group(request.logGroupName());
        if (!request.hasTags()) {
            throw invalid(Constraints.notNull("tags"));
        }
        request.tags().forEach(group.tags::remove);
        return UntagLogGroupResponse.builder().build();
    }

    public ListTagsLogGroupResponse listTagsLogGroup(ListTagsLogGroupRequest request) {
        return ListTagsLogGroupResponse.builder().tags(group(request.logGroupName()).tags).build();
    }

    @Override
    public JsonNode state(JsonCodec json) {
        ObjectNode state = json.mapper().createObjectNode();
        ArrayNode list = state.putArray("logGroups");
        for (StoredLogGroup group : groups.values()) {
            ObjectNode node = json.toTree(describe(group));
            node.set("tags", json.mapper().valueToTree(group.tags));
            list.add(node);
        }
        return state;
    }

    /** The group's ARN without the {@code :*} that DescribeLogGroups appends to its {@code arn} field. */
    private String arn(StoredLogGroup group) {
        return account.arn("logs", "log-group:" + group.name);
    }

    private LogGroup describe(StoredLogGroup group) {
        return LogGroup.builder()
                .logGroupName(group.name)
                .creationTime(group.createdAt.toEpochMilli())
                .retentionInDays(group.retentionInDays)
                .metricFilterCount(0)
                .arn(arn(group) + ":*")
                .logGroupArn(arn(group))
                .storedBytes(0L)
                .kmsKeyId(group.kmsKeyId)
                .logGroupClass(group.logGroupClass)
                .deletionProtectionEnabled(group.deletionProtection)
                .build();
    }

    private StoredLogGroup group(String name) {
        check(LogGroupRules.nameProblem("logGroupName", name));
        StoredLogGroup group = groups.get(name);
        if (group == null) {
            throw notFound();
        }
        return group;
    }

    /** A log group by its ARN, with or without the {@code :*} suffix DescribeLogGroups shows. */
    private StoredLogGroup byArn(String arn) {
        if (arn == null) {
            throw invalid(Constraints.notNull("resourceArn"));
        }
        String prefix = account.arn("logs", "log-group:");
        if (!arn.startsWith("arn:")) {
            throw invalid("Invalid ARN: " + arn);
        }
        String name = arn.startsWith(prefix) ? arn.substring(prefix.length()) : null;
        if (name != null && name.endsWith(":*")) {
            name = name.substring(0, name.length() - 2);
        }
        StoredLogGroup group = name == null ? null : groups.get(name);
        if (group == null) {
            throw notFound();
        }
        return group;
    }

    private void addTags(StoredLogGroup group, Map<String, String> tags) {
        if (tags == null) {
            throw invalid(Constraints.notNull("tags"));
        }
        Map<String, String> merged = new TreeMap<>(group.tags);
        merged.putAll(tags);
        checkTags(tags, merged.size());
        group.tags.putAll(tags);
    }

    private static void checkTags(Map<String, String> tags, int total) {
        check(LogGroupRules.tagProblem(tags));
        if (total > LogGroupRules.MAX_TAGS) {
            // The API reference's description of TooManyTagsException.
            throw new AwsException("TooManyTagsException", "A resource can have no more than 50 tags.");
        }
    }

    private static int limit(Integer requested) {
        if (requested == null) {
            return MAX_PAGE;
        }
        if (requested < 1) {
            throw invalid(Constraints.minValue("limit", requested, 1));
        }
        if (requested > MAX_PAGE) {
            throw invalid(Constraints.maxValue("limit", requested, MAX_PAGE));
        }
        return requested;
    }

    private static void check(Optional<String> problem) {
        problem.ifPresent(message -> {
            throw invalid(message);
        });
    }

    private static AwsException invalid(String message) {
        return new AwsException("InvalidParameterException", message);
    }

    private static AwsException notFound() {
        return new AwsException("ResourceNotFoundException", "The specified log group does not exist.");
    }
}
