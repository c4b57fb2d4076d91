package dev.ecsapp.operator.aws;

import dev.ecsapp.operator.desired.DesiredLogGroup;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;

/** CloudWatch log groups: observe by name, create with retention and tags, update retention and tags, delete. */
public final class LogGroupAdapter {

    public static final String RETENTION = "retentionDays";
    public static final String TAGS = "tags";
    /** What an observed log group without a retention policy reports: its events never expire. */
    static final int NEVER_EXPIRE = 0;

    private final CloudWatchLogsClient logs;

    public LogGroupAdapter(CloudWatchLogsClient logs) {
        this.logs = logs;
    }

    public Optional<ObservedLogGroup> observe(String name) {
        // There is no "describe one": the prefix lists /ecs/a/b and /ecs/a/bc alike, so the exact name is picked out.
        Optional<LogGroup> found = AwsErrors.call("DescribeLogGroups", () -> logs.describeLogGroupsPaginator(r -> r
                .logGroupNamePrefix(name)).logGroups().stream().filter(g -> g.logGroupName().equals(name))
                .findFirst());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        String arn = arnOf(found.get());
        Map<String, String> tags = AwsErrors.call("ListTagsForResource",
                () -> logs.listTagsForResource(r -> r.resourceArn(arn))).tags();
        int retention = found.get().retentionInDays() == null ? NEVER_EXPIRE : found.get().retentionInDays();
        return Optional.of(new ObservedLogGroup(arn, new DesiredLogGroup(name, retention,
                TagChanges.withoutAwsTags(tags))));
    }

    /** Creates the group with its tags and retention; returns its ARN. */
    public String create(DesiredLogGroup desired) {
        AwsErrors.call("CreateLogGroup", () -> logs.createLogGroup(r -> r.logGroupName(desired.name())
                .tags(desired.tags())));
        // CreateLogGroup takes no retention: new groups keep events forever until PutRetentionPolicy.
        putRetention(desired);
        return observe(desired.name()).map(ObservedLogGroup::arn).orElseThrow();
    }

    public SortedSet<String> update(DesiredLogGroup desired, ObservedLogGroup observed) {
        SortedSet<String> changed = new TreeSet<>();
        if (desired.retentionDays() != observed.shape().retentionDays()) {
            putRetention(desired);
            changed.add(RETENTION);
        }
        TagChanges tags = TagChanges.between(desired.tags(), observed.shape().tags());
        if (!tags.toSet().isEmpty()) {
            AwsErrors.call("TagResource", () -> logs.tagResource(r -> r.resourceArn(observed.arn())
                    .tags(tags.toSet())));
        }
        if (!tags.toRemove().isEmpty()) {
            AwsErrors.call("UntagResource", () -> logs.untagResource(r -> r.resourceArn(observed.arn())
                    .tagKeys(tags.toRemove())));
        }
        if (!tags.none()) {
            changed.add(TAGS);
        }
        return changed;
    }

    /** Deletes the group and its events; true when there was one. */
    public boolean delete(String name) {
        return AwsErrors.find("DeleteLogGroup", () -> logs.deleteLogGroup(r -> r.logGroupName(name))).isPresent();
    }

    private void putRetention(DesiredLogGroup desired) {
        AwsErrors.call("PutRetentionPolicy", () -> logs.putRetentionPolicy(r -> r.logGroupName(desired.name())
                .retentionInDays(desired.retentionDays())));
    }

    // The classic "arn" ends in ":*" (all streams); tagging wants the group's own ARN, which newer answers give as
    // logGroupArn.
    private static String arnOf(LogGroup group) {
        if (group.logGroupArn() != null) {
            return group.logGroupArn();
        }
        return group.arn().endsWith(":*") ? group.arn().substring(0, group.arn().length() - 2) : group.arn();
    }
}
