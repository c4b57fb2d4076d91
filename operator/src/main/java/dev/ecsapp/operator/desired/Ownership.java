package dev.ecsapp.operator.desired;

import java.util.Collections;
import java.util.Map;
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
}
