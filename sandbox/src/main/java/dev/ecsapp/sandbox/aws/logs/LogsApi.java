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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogGroupResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogStreamRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogStreamResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteLogStreamRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteLogStreamResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsResponse;
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

/**
 * CloudWatch Logs: log groups with retention and tags, their streams and events, what an awslogs task definition
 * writes to and {@code aws logs tail} reads. Tasks that run locally write their lines through {@link #append}.
 */
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

    public CreateLogStreamResponse createLogStream(CreateLogStreamRequest request) {
        StoredLogGroup group = group(request.logGroupName());
        String name = request.logStreamName();
        if (name == null || name.isEmpty() || name.length() > 512 || name.contains(":") || name.contains("*")) {
            throw invalid("1 validation error detected: Value '" + name + "' at 'logStreamName' failed to satisfy "
                    + "constraint: Member must satisfy regular expression pattern: [^:*]*");
        }
        if (group.streams.containsKey(name)) {
            throw new AwsException("ResourceAlreadyExistsException", "The specified log stream already exists");
        }
        group.streams.put(name, new StoredLogStream(name, scheduler.now()));
        return CreateLogStreamResponse.builder().build();
    }

    public DeleteLogStreamResponse deleteLogStream(DeleteLogStreamRequest request) {
        StoredLogGroup group = group(request.logGroupName());
        if (group.streams.remove(request.logStreamName()) == null) {
            throw streamNotFound();
        }
        return DeleteLogStreamResponse.builder().build();
    }

    /** In name order, or by last event time (newest first when descending), up to 50 a page. */
    public DescribeLogStreamsResponse describeLogStreams(DescribeLogStreamsRequest request) {
        StoredLogGroup group = groupByNameOrArn(request.logGroupName(), request.logGroupIdentifier());
        boolean byTime = request.orderBy() == OrderBy.LAST_EVENT_TIME;
        if (byTime && request.logStreamNamePrefix() != null) {
            throw invalid("Cannot order by LastEventTime with a logStreamNamePrefix.");
        }
        Stream<StoredLogStream> found = group.streams.values().stream();
        if (request.logStreamNamePrefix() != null) {
            found = found.filter(stream -> stream.name.startsWith(request.logStreamNamePrefix()));
        }
        Comparator<StoredLogStream> order = byTime
                ? Comparator.comparing((StoredLogStream stream) -> stream.lastEventTimestamp == null ? 0L
                        : stream.lastEventTimestamp).thenComparing(stream -> stream.name)
                : Comparator.comparing(stream -> stream.name);
        List<StoredLogStream> sorted = found.sorted(Boolean.TRUE.equals(request.descending()) ? order.reversed()
                : order).toList();
        Pagination.Page<StoredLogStream> page = Pagination.page(sorted, request.nextToken(), limit(request.limit()),
                () -> invalid("The specified nextToken is invalid."));
        return DescribeLogStreamsResponse.builder()
                .logStreams(page.items().stream().map(stream -> describe(group, stream)).toList())
                .nextToken(page.nextToken())
                .build();
    }

    public PutLogEventsResponse putLogEvents(PutLogEventsRequest request) {
        StoredLogGroup group = group(request.logGroupName());
        StoredLogStream stream = group.streams.get(request.logStreamName());
        if (stream == null) {
            throw streamNotFound();
        }
        if (!request.hasLogEvents() || request.logEvents().isEmpty()) {
            throw invalid("1 validation error detected: Value null at 'logEvents' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        long previous = Long.MIN_VALUE;
        for (InputLogEvent event : request.logEvents()) {
            if (event.timestamp() < previous) {
                throw invalid("Log events in a single PutLogEvents request must be in chronological order.");
            }
            previous = event.timestamp();
        }
        long now = scheduler.now().toEpochMilli();
        request.logEvents().forEach(event -> stream.add(event.timestamp(), now, event.message()));
        return PutLogEventsResponse.builder().build();
    }

    /**
     * One stream's events in time order: the newest page by default, from the oldest with startFromHead. Tokens
     * are {@code f/N} (events after the N-th) and {@code b/N} (events before it), so a reader that follows the
     * forward token sees each new event once.
     */
    public GetLogEventsResponse getLogEvents(GetLogEventsRequest request) {
        StoredLogGroup group = groupByNameOrArn(request.logGroupName(), request.logGroupIdentifier());
        StoredLogStream stream = group.streams.get(request.logStreamName());
        if (stream == null) {
            throw streamNotFound();
        }
        int limit = request.limit() == null ? 10_000 : request.limit();
        if (limit < 1 || limit > 10_000) {
            throw invalid(Constraints.maxValue("limit", limit, 10_000));
        }
        List<StoredLogStream.Event> inRange = stream.events.stream()
                .filter(e -> request.startTime() == null || e.timestamp() >= request.startTime())
                .filter(e -> request.endTime() == null || e.timestamp() < request.endTime())
                .toList();
        String token = request.nextToken();
        boolean forward = token != null ? token.startsWith("f/") : Boolean.TRUE.equals(request.startFromHead());
        long mark = token == null ? -1 : tokenNumber(token);
        List<StoredLogStream.Event> page;
        if (forward) {
            page = inRange.stream().filter(e -> e.sequence() > mark).limit(limit).toList();
        } else {
            List<StoredLogStream.Event> before = inRange.stream()
                    .filter(e -> token == null || e.sequence() < mark).toList();
            page = before.subList(Math.max(0, before.size() - limit), before.size());
        }
        long last = page.isEmpty() ? (forward ? Math.max(mark, stream.taken - 1) : mark)
                : page.get(page.size() - 1).sequence();
        long first = page.isEmpty() ? mark : page.get(0).sequence();
        return GetLogEventsResponse.builder()
                .events(page.stream().map(e -> OutputLogEvent.builder().timestamp(e.timestamp())
                        .ingestionTime(e.ingestionTime()).message(e.message()).build()).toList())
                .nextForwardToken(String.format("f/%020d", last))
                .nextBackwardToken(String.format("b/%020d", Math.max(first, 0)))
                .build();
    }

    /**
     * Events across a group's streams in time order, with CloudWatch's simple filter patterns: terms that must
     * all appear (a quoted term as one), {@code ?term} alternatives, {@code -term} exclusions. JSON and space-delimited
     * patterns are not understood and match nothing.
     */
    public FilterLogEventsResponse filterLogEvents(FilterLogEventsRequest request) {
        StoredLogGroup group = groupByNameOrArn(request.logGroupName(), request.logGroupIdentifier());
        if (request.hasLogStreamNames() && request.logStreamNamePrefix() != null) {
            throw invalid("logStreamNames and logStreamNamePrefix are mutually exclusive parameters.");
        }
        int limit = request.limit() == null ? 10_000 : request.limit();
        FilterPattern pattern = FilterPattern.parse(request.filterPattern());
        List<FilteredLogEvent> matching = new ArrayList<>();
        for (StoredLogStream stream : group.streams.values()) {
            if (request.hasLogStreamNames() && !request.logStreamNames().contains(stream.name)
                    || request.logStreamNamePrefix() != null && !stream.name.startsWith(request.logStreamNamePrefix())) {
                continue;
            }
            for (StoredLogStream.Event e : stream.events) {
                if ((request.startTime() == null || e.timestamp() >= request.startTime())
                        && (request.endTime() == null || e.timestamp() <= request.endTime())
                        && pattern.matches(e.message())) {
                    matching.add(FilteredLogEvent.builder().logStreamName(stream.name).timestamp(e.timestamp())
                            .ingestionTime(e.ingestionTime()).message(e.message())
                            .eventId(String.format("%020d%020d", e.timestamp(), e.sequence())).build());
                }
            }
        }
        matching.sort(Comparator.comparing(FilteredLogEvent::timestamp).thenComparing(FilteredLogEvent::eventId));
        Pagination.Page<FilteredLogEvent> page = Pagination.page(matching, request.nextToken(), limit,
                () -> invalid("The specified nextToken is invalid."));
        return FilterLogEventsResponse.builder().events(page.items()).nextToken(page.nextToken()).build();
    }

    /**
     * One line a locally running task printed, as the awslogs driver sends it: to the group's stream, which is made
     * on first use. A line for a group that does not exist is dropped and false returned (the driver would fail the
     * container start; the runtime checks the group before it starts one).
     */
    public boolean append(String groupName, String streamName, long timestamp, String message) {
        StoredLogGroup group = groups.get(groupName);
        if (group == null) {
            return false;
        }
        group.streams.computeIfAbsent(streamName, name -> new StoredLogStream(name, scheduler.now()))
                .add(timestamp, scheduler.now().toEpochMilli(), message);
        return true;
    }

    /** Whether a log group of that name exists, for the runtime's check before a container starts. */
    public boolean hasGroup(String groupName) {
        return groups.containsKey(groupName);
    }

    private LogStream describe(StoredLogGroup group, StoredLogStream stream) {
        return LogStream.builder().logStreamName(stream.name).creationTime(stream.createdAt.toEpochMilli())
                .firstEventTimestamp(stream.firstEventTimestamp).lastEventTimestamp(stream.lastEventTimestamp)
                .lastIngestionTime(stream.lastIngestionTime).storedBytes(stream.storedBytes)
                .arn(account.arn("logs", "log-group:" + group.name + ":log-stream:" + stream.name)).build();
    }

    private StoredLogGroup groupByNameOrArn(String name, String identifier) {
        if (name != null && identifier != null) {
            throw invalid("LogGroup name and LogGroup ARN are mutually exclusive parameters.");
        }
        if (identifier != null) {
            return identifier.startsWith("arn:") ? byArn(identifier) : group(identifier);
        }
        return group(name);
    }

    private long tokenNumber(String token) {
        if (!token.matches("[fb]/\\d{1,20}")) {
            throw invalid("The specified nextToken is invalid.");
        }
        return Long.parseLong(token.substring(2));
    }

    private static AwsException streamNotFound() {
        return new AwsException("ResourceNotFoundException", "The specified log stream does not exist.");
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
