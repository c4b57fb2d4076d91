package dev.ecsapp.operator.desired;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The tags that mark a resource as the operator's and say which app owns it; they find resources after a crash. */
public final class Ownership {

    public static final String PREFIX = "ecsapp.dev/";
    public static final String OWNER_TAG = PREFIX + "owner";
    public static final String MANAGED_BY_TAG = PREFIX + "managed-by";
    public static final String MANAGED_BY = "ecsapp-operator";
    public static final int OPERATOR_TAG_COUNT = 2;

    private Ownership() {
    }

    /** The app's tags plus the ownership tags, sorted; the ownership tags win a clash. */
    public static Map<String, String> tags(AppIdentity app, Map<String, String> userTags) {
        Map<String, String> tags = new TreeMap<>(userTags);
        tags.put(OWNER_TAG, app.owner());
        tags.put(MANAGED_BY_TAG, MANAGED_BY);
        return Collections.unmodifiableMap(tags);
    }

    /** The app a resource's tags name as its owner; empty for a resource the operator did not make. */
    public static Optional<String> ownerOf(Map<String, String> tags) {
        return Optional.ofNullable(tags.get(OWNER_TAG)).filter(owner -> !owner.isBlank());
    }

    /** Whether the tags say the resource is this app's: only then may the app change or delete it. */
    public static boolean ownedBy(AppIdentity app, Map<String, String> tags) {
        return ownerOf(tags).filter(app.owner()::equals).isPresent();
    }
}
