package dev.ecsapp.sandbox.kubernetes.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * kube-controller-manager's garbage collector for {@code metadata.ownerReferences}, run inside the store's lock as
 * each change is stored, so its effects are visible as soon as the request that caused them is answered.
 *
 * <p>As kube's: a dependent whose owners are all gone is deleted (with foreground propagation when an owner waits
 * for it and it has dependents of its own, otherwise background); a dependent with an owner that still exists only
 * loses its references to the gone owners and to owners waiting in foreground deletion. An owner in foreground
 * deletion ({@code deletionTimestamp} and the {@code foregroundDeletion} finalizer) loses that finalizer once no
 * dependent with {@code blockOwnerDeletion: true} remains. Orphaning removes the owner's reference from each
 * dependent. A namespaced dependent's owner is looked for in its namespace or among cluster-scoped objects; a
 * cluster-scoped dependent's only among cluster-scoped objects: other references are ignored.
 *
 * <p>Unlike kube's: a dependent created with references to owners that never existed is kept (kube deletes it);
 * owners are matched by uid alone.
 */
final class GarbageCollector {

    static final String FOREGROUND_FINALIZER = "foregroundDeletion";
    static final String ORPHAN_FINALIZER = "orphan";

    /** {@code DeleteOptions.propagationPolicy}. */
    enum Propagation {
        BACKGROUND("Background"), FOREGROUND("Foreground"), ORPHAN("Orphan");

        final String wire;

        Propagation(String wire) {
            this.wire = wire;
        }

        /**
         * The policy a delete asks for: the DeleteOptions body's, else the query's; {@code orphanDependents} as the
         * deprecated spelling; null when none is given (the object's own finalizers, then Background, decide).
         */
        static Propagation of(Kind kind, String name, JsonNode options, String queryPolicy, String queryOrphan) {
            String policy = options.hasNonNull("propagationPolicy") ? options.get("propagationPolicy").asText()
                    : options.has("orphanDependents") ? null : queryPolicy;
            JsonNode orphan = options.hasNonNull("orphanDependents") ? options.get("orphanDependents")
                    : queryOrphan == null || queryOrphan.isEmpty() ? null
                    : JsonNodeFactoryHolder.bool(Boolean.parseBoolean(queryOrphan));
            if (policy != null && !policy.isEmpty() && orphan != null) {
                throw Statuses.invalid(kind, name, List.of(new Statuses.Cause("FieldValueInvalid",
                        "propagationPolicy", "Invalid value: \"" + policy
                                + "\": orphanDependents and deletionPropagation cannot be both set")));
            }
            if (orphan != null) {
                return orphan.asBoolean() ? ORPHAN : BACKGROUND;
            }
            if (policy == null || policy.isEmpty()) {
                return null;
            }
            for (Propagation propagation : values()) {
                if (propagation.wire.equals(policy)) {
                    return propagation;
                }
            }
            throw Statuses.invalid(kind, name, List.of(new Statuses.Cause("FieldValueNotSupported",
                    "propagationPolicy", "Unsupported value: \"" + policy
                            + "\": supported values: \"Foreground\", \"Background\", \"Orphan\"")));
        }
    }

    /** Where a stored object is: its resource's storage key, its key there, its namespace (null when cluster-scoped). */
    record Ref(String storageKey, String key, String namespace) {
    }

    /** What the collector needs of the store; every call is made holding the store's lock. */
    interface Objects {
        /** The stored object, or null. */
        ObjectNode get(Ref ref);

        /** Deletes as a client's delete would, with the given propagation. */
        void delete(Ref ref, Propagation propagation);

        /** Stores {@code next} in place of the object at {@code ref}, or removes it when it is marked and unheld. */
        void replace(Ref ref, ObjectNode next);
    }

    private final Objects objects;
    private final Map<String, Ref> byUid = new HashMap<>();
    private final Map<String, Set<Ref>> dependentsByOwnerUid = new HashMap<>();

    GarbageCollector(Objects objects) {
        this.objects = objects;
    }

    /** Called after {@code next} replaced {@code previous} (null on create) at {@code ref}. */
    void stored(Ref ref, ObjectNode previous, ObjectNode next) {
        Set<String> before = previous == null ? Set.of() : blockingOwnerUids(previous);
        if (previous != null) {
            unindex(ref, previous);
        }
        index(ref, next);
        // An owner waiting for this dependent is released when the dependent stops blocking it.
        Set<String> released = new LinkedHashSet<>(before);
        released.removeAll(blockingOwnerUids(next));
        released.forEach(this::releaseIfUnblocked);
    }

    /** Called after the object at {@code ref} left the store. */
    void removed(Ref ref, ObjectNode gone) {
        unindex(ref, gone);
        String uid = uid(gone);
        for (Ref dependent : dependentsOf(ref, uid)) {
            attemptToDelete(dependent);
        }
        blockingOwnerUids(gone).forEach(this::releaseIfUnblocked);
    }

    /**
     * What a delete of the object at {@code ref} does with its dependents before the object itself is deleted or
     * marked: orphaning takes the owner's reference out of each; foreground deletion deletes them.
     */
    void orphan(Ref ref, ObjectNode owner) {
        String uid = uid(owner);
        for (Ref dependent : dependentsOf(ref, uid)) {
            ObjectNode current = objects.get(dependent);
            if (current == null) {
                continue;
            }
            ObjectNode next = current.deepCopy();
            ArrayNode kept = next.with("metadata").putArray("ownerReferences");
            current.path("metadata").path("ownerReferences").forEach(r -> {
                if (!uid.equals(r.path("uid").asText())) {
                    kept.add(r);
                }
            });
            if (kept.isEmpty()) {
                next.with("metadata").remove("ownerReferences");
            }
            objects.replace(dependent, next);
        }
    }

    /** After the owner at {@code ref} was marked for foreground deletion: its dependents go, then it. */
    void deleteDependents(Ref ref, ObjectNode owner) {
        for (Ref dependent : dependentsOf(ref, uid(owner))) {
            attemptToDelete(dependent);
        }
        releaseIfUnblocked(uid(owner));
    }

    static boolean waitingForDependents(JsonNode object) {
        return object.path("metadata").has("deletionTimestamp") && hasFinalizer(object, FOREGROUND_FINALIZER);
    }

    static boolean hasFinalizer(JsonNode object, String finalizer) {
        for (JsonNode f : object.path("metadata").path("finalizers")) {
            if (f.asText().equals(finalizer)) {
                return true;
            }
        }
        return false;
    }

    /** kube's attemptToDeleteItem for one dependent whose owner went or waits. */
    private void attemptToDelete(Ref ref) {
        ObjectNode item = objects.get(ref);
        if (item == null) {
            return;
        }
        List<String> solid = new ArrayList<>();
        List<String> notSolid = new ArrayList<>();
        boolean waiting = false;
        for (JsonNode reference : item.path("metadata").path("ownerReferences")) {
            String uid = reference.path("uid").asText();
            ObjectNode owner = owner(ref, uid);
            if (owner == null) {
                notSolid.add(uid);
            } else if (waitingForDependents(owner)) {
                notSolid.add(uid);
                waiting = true;
            } else {
                solid.add(uid);
            }
        }
        if (!solid.isEmpty()) {
            if (notSolid.isEmpty()) {
                return;
            }
            ObjectNode next = item.deepCopy();
            ArrayNode kept = next.with("metadata").putArray("ownerReferences");
            item.path("metadata").path("ownerReferences").forEach(r -> {
                if (!notSolid.contains(r.path("uid").asText())) {
                    kept.add(r);
                }
            });
            objects.replace(ref, next);
            return;
        }
        if (item.path("metadata").has("deletionTimestamp") && !waiting) {
            return;
        }
        Propagation propagation;
        if (waiting && !dependentsOf(ref, uid(item)).isEmpty()) {
            propagation = Propagation.FOREGROUND;
        } else if (hasFinalizer(item, ORPHAN_FINALIZER)) {
            propagation = Propagation.ORPHAN;
        } else if (hasFinalizer(item, FOREGROUND_FINALIZER)) {
            propagation = Propagation.FOREGROUND;
        } else {
            propagation = Propagation.BACKGROUND;
        }
        objects.delete(ref, propagation);
    }

    /** An owner in foreground deletion with no blocking dependent left loses its foregroundDeletion finalizer. */
    private void releaseIfUnblocked(String ownerUid) {
        Ref ownerRef = byUid.get(ownerUid);
        ObjectNode owner = ownerRef == null ? null : objects.get(ownerRef);
        if (owner == null || !waitingForDependents(owner)) {
            return;
        }
        for (Ref dependent : dependentsOf(ownerRef, ownerUid)) {
            ObjectNode object = objects.get(dependent);
            if (object != null && blockingOwnerUids(object).contains(ownerUid)) {
                return;
            }
        }
        ObjectNode next = owner.deepCopy();
        ArrayNode finalizers = next.with("metadata").putArray("finalizers");
        owner.path("metadata").path("finalizers").forEach(f -> {
            if (!f.asText().equals(FOREGROUND_FINALIZER)) {
                finalizers.add(f);
            }
        });
        if (finalizers.isEmpty()) {
            next.with("metadata").remove("finalizers");
        }
        objects.replace(ownerRef, next);
    }

    /** The dependents of the owner at {@code ownerRef} that kube would resolve to it. */
    private List<Ref> dependentsOf(Ref ownerRef, String ownerUid) {
        Set<Ref> dependents = dependentsByOwnerUid.get(ownerUid);
        if (dependents == null) {
            return List.of();
        }
        List<Ref> resolved = new ArrayList<>();
        for (Ref dependent : dependents) {
            if (resolves(dependent, ownerRef)) {
                resolved.add(dependent);
            }
        }
        return resolved;
    }

    /** The owner a reference of the object at {@code dependent} names, when it resolves; null when absent. */
    private ObjectNode owner(Ref dependent, String uid) {
        Ref ownerRef = byUid.get(uid);
        return ownerRef == null || !resolves(dependent, ownerRef) ? null : objects.get(ownerRef);
    }

    private static boolean resolves(Ref dependent, Ref owner) {
        return owner.namespace() == null || owner.namespace().equals(dependent.namespace());
    }

    private void index(Ref ref, ObjectNode object) {
        byUid.put(uid(object), ref);
        for (JsonNode reference : object.path("metadata").path("ownerReferences")) {
            dependentsByOwnerUid.computeIfAbsent(reference.path("uid").asText(), u -> new LinkedHashSet<>()).add(ref);
        }
    }

    private void unindex(Ref ref, ObjectNode object) {
        byUid.remove(uid(object), ref);
        for (JsonNode reference : object.path("metadata").path("ownerReferences")) {
            String uid = reference.path("uid").asText();
            Set<Ref> dependents = dependentsByOwnerUid.get(uid);
            if (dependents != null) {
                dependents.remove(ref);
                if (dependents.isEmpty()) {
                    dependentsByOwnerUid.remove(uid);
                }
            }
        }
    }

    private static Set<String> blockingOwnerUids(JsonNode object) {
        Set<String> uids = new LinkedHashSet<>();
        for (JsonNode reference : object.path("metadata").path("ownerReferences")) {
            if (reference.path("blockOwnerDeletion").asBoolean(false)) {
                uids.add(reference.path("uid").asText());
            }
        }
        return uids;
    }

    private static String uid(JsonNode object) {
        return object.path("metadata").path("uid").asText();
    }

    /** Index sizes, for tests of memory: nothing here outlives the objects it indexes. */
    int indexed() {
        return byUid.size() + dependentsByOwnerUid.size();
    }

    private static final class JsonNodeFactoryHolder {
        static JsonNode bool(boolean value) {
            return com.fasterxml.jackson.databind.node.BooleanNode.valueOf(value);
        }
    }
}
