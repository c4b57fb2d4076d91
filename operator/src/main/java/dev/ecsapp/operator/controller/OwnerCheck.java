package dev.ecsapp.operator.controller;

import dev.ecsapp.operator.api.v1alpha1.Conditions;
import dev.ecsapp.operator.aws.AwsCallException;
import dev.ecsapp.operator.aws.AwsFailure;
import dev.ecsapp.operator.desired.AppIdentity;
import dev.ecsapp.operator.desired.Ownership;
import java.util.Map;

/** The one rule for resources found by name: they are the app's only when their owner tag says so. */
final class OwnerCheck {

    /** The code of the terminal failure for a resource another app, or nobody, owns. */
    static final String ALREADY_OWNED = "AlreadyOwned";

    private OwnerCheck() {
    }

    /** What to do about a resource with the app's name that is not the app's: make it the app's, or remove it. */
    static String handOver(AppIdentity app) {
        return "delete it, or tag it " + Ownership.OWNER_TAG + "=" + app.owner() + " to hand it to this app";
    }

    /**
     * The app never adopts by name: a resource it finds under a name it would use, and whose owner tag names another
     * app or nothing, is neither changed nor deleted, and the reconcile stops with a terminal condition naming it.
     */
    static void requireOwned(AppIdentity app, String what, Map<String, String> tags, String fix) {
        if (Ownership.ownedBy(app, tags)) {
            return;
        }
        String holder = Ownership.ownerOf(tags).map(owner -> "belongs to the app " + owner)
                .orElse("was not made by the operator (it has no " + Ownership.OWNER_TAG + " tag)");
        throw new AwsCallException("Observe", AwsFailure.refusal(ALREADY_OWNED, Conditions.REASON_ALREADY_OWNED,
                what + " exists and " + holder + "; this app does not change or delete it: " + fix), null);
    }
}
