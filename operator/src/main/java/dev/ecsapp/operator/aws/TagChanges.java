package dev.ecsapp.operator.aws;

import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** What turns a resource's tags into the desired ones: tags to set and keys to remove; tags compare as maps. */
public record TagChanges(SortedMap<String, String> toSet, SortedSet<String> toRemove) {

    public static TagChanges between(Map<String, String> desired, Map<String, String> observed) {
        SortedMap<String, String> toSet = new TreeMap<>();
        desired.forEach((key, value) -> {
            if (!value.equals(observed.get(key))) {
                toSet.put(key, value);
            }
        });
        SortedSet<String> toRemove = new TreeSet<>();
        for (String key : observed.keySet()) {
            // aws: tags belong to AWS itself (CloudFormation, Service Catalog): not ours, and they cannot be removed.
            if (!desired.containsKey(key) && !key.startsWith("aws:")) {
                toRemove.add(key);
            }
        }
        return new TagChanges(toSet, toRemove);
    }

    /** The observed tags without AWS's own, so that they compare equal to desired ones. */
    public static SortedMap<String, String> withoutAwsTags(Map<String, String> observed) {
        SortedMap<String, String> tags = new TreeMap<>(observed);
        tags.keySet().removeIf(key -> key.startsWith("aws:"));
        return tags;
    }

    public boolean none() {
        return toSet.isEmpty() && toRemove.isEmpty();
    }
}
