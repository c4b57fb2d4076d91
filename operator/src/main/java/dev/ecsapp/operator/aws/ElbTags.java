package dev.ecsapp.operator.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;

/** ELBv2 tags of target groups and rules: read in batches, written as AddTags and RemoveTags. */
final class ElbTags {

    /** DescribeTags takes at most 20 resources a call. */
    static final int DESCRIBE_BATCH = 20;

    private final ElasticLoadBalancingV2Client elb;

    ElbTags(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
    }

    /** Tags by resource ARN; every asked ARN is a key, with an empty map when it has no tags. */
    Map<String, Map<String, String>> of(List<String> arns) {
        Map<String, Map<String, String>> tags = new TreeMap<>();
        for (int from = 0; from < arns.size(); from += DESCRIBE_BATCH) {
            List<String> batch = arns.subList(from, Math.min(arns.size(), from + DESCRIBE_BATCH));
            List<TagDescription> descriptions = AwsErrors.call("DescribeTags",
                    () -> elb.describeTags(r -> r.resourceArns(batch))).tagDescriptions();
            for (TagDescription description : descriptions) {
                Map<String, String> map = new TreeMap<>();
                description.tags().forEach(tag -> map.put(tag.key(), tag.value()));
                tags.put(description.resourceArn(), map);
            }
        }
        arns.forEach(arn -> tags.putIfAbsent(arn, new TreeMap<>()));
        return tags;
    }

    Map<String, String> of(String arn) {
        return of(List.of(arn)).get(arn);
    }

    // It is Add, not Put: AddTags overwrites the values of keys that exist and leaves other keys alone.
    void apply(String arn, TagChanges changes) {
        if (!changes.toSet().isEmpty()) {
            AwsErrors.call("AddTags", () -> elb.addTags(r -> r.resourceArns(arn).tags(tags(changes.toSet()))));
        }
        if (!changes.toRemove().isEmpty()) {
            AwsErrors.call("RemoveTags", () -> elb.removeTags(r -> r.resourceArns(arn).tagKeys(changes.toRemove())));
        }
    }

    static List<Tag> tags(Map<String, String> tags) {
        List<Tag> list = new ArrayList<>();
        tags.forEach((key, value) -> list.add(Tag.builder().key(key).value(value).build()));
        return list;
    }
}
