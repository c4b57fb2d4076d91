package dev.ecsapp.sandbox.kubernetes.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * Every object the server holds, with kube-apiserver's object semantics: uid, creationTimestamp, one monotonic
 * resourceVersion for all objects, generation, optimistic concurrency, finalizers and deletionTimestamp, namespaces
 * that must exist and that take their content with them. It keeps a bounded window of changes for watches.
 *
 * <p>Objects are held as JSON trees that are never changed once stored: readers share them without copying.
 */
final class Store {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String NAMESPACES = BuiltInKinds.NAMESPACE.storageKey();
    private static final String NAMESPACE_FINALIZER = "kubernetes";

    /** A change as watches see it; {@code previous} is the object before (null on ADDED). */
    record Change(long resourceVersion, String storageKey, String type, ObjectNode object, ObjectNode previous) {
    }

    /** A change as the watch window keeps it: the objects as JSON (the same object twice is written once). */
    private record RecordedChange(long resourceVersion, String storageKey, String type, byte[] object,
            byte[] previous) {

        static RecordedChange of(Change change) {
            byte[] object = RestHandler.bytes(change.object());
            byte[] previous = change.previous() == null ? null
                    : change.previous() == change.object() ? object : RestHandler.bytes(change.previous());
            return new RecordedChange(change.resourceVersion(), change.storageKey(), change.type(), object, previous);
        }

        Change change() {
            ObjectNode parsed = parse(object);
            return new Change(resourceVersion, storageKey, type, parsed,
                    previous == null ? null : previous == object ? parsed : parse(previous));
        }

        private static ObjectNode parse(byte[] json) {
            try {
                return (ObjectNode) RestHandler.JSON.readTree(json);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** A list's items and the resourceVersion it was read at. */
    record Listing(List<ObjectNode> items, long resourceVersion, String continueKey, int remaining) {
    }

    /**
     * How a write is carried out: {@code beforeStore} sees the object before (null on create) and the one about to be
     * stored, after the server's own changes, and may add to it (managedFields); {@code dryRun} stores nothing.
     */
    record Write(java.util.function.BiConsumer<ObjectNode, ObjectNode> beforeStore, boolean dryRun) {
        static final Write PLAIN = new Write((current, next) -> { }, false);
    }

    /** The outcome of a delete: the object as it is or went away, and whether it is gone. */
    record Deletion(ObjectNode object, boolean gone) {
    }

    private final Object lock = new Object();
    private final Clock clock;
    private final int historySize;
    private final Map<String, NavigableMap<String, ObjectNode>> objects = new HashMap<>();
    /**
     * The watch window, for watches that resume from a resourceVersion. Kept as JSON bytes, not trees: a tree is
     * ten times the size and thousands of small objects the collector has to trace and copy, and every change
     * would keep one alive for the whole window (the old generation filled with them under a stream of applies).
     * Live watches get each change's trees directly when it happens; only a resuming watch parses these.
     */
    private final ArrayDeque<RecordedChange> history = new ArrayDeque<>();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final CustomKinds customKinds = new CustomKinds();
    private final GarbageCollector collector = new GarbageCollector(new CollectedObjects());
    private long resourceVersion;
    /** Changes up to this resourceVersion have left the window; a watch from an older one gets 410 Gone. */
    private long evictedUpTo;

    Store(Clock clock, int historySize) {
        this.clock = clock;
        this.historySize = historySize;
    }

    CustomKinds customKinds() {
        return customKinds;
    }

    long resourceVersion() {
        synchronized (lock) {
            return resourceVersion;
        }
    }

    ObjectNode get(Kind kind, String namespace, String name) {
        synchronized (lock) {
            ObjectNode object = bucket(kind).get(key(kind, namespace, name));
            if (object == null) {
                throw Statuses.notFound(kind, name);
            }
            return Trees.asVersion(object, kind);
        }
    }

    /** The object, or null when there is none (server-side apply then creates it). */
    ObjectNode find(Kind kind, String namespace, String name) {
        synchronized (lock) {
            ObjectNode object = bucket(kind).get(key(kind, namespace, name));
            return object == null ? null : Trees.asVersion(object, kind);
        }
    }

    /** Objects of {@code kind} (in {@code namespace}, or all when null) that {@code filter} keeps, in key order. */
    Listing list(Kind kind, String namespace, Predicate<JsonNode> filter, int limit, String continueAfter) {
        synchronized (lock) {
            NavigableMap<String, ObjectNode> bucket = bucket(kind);
            NavigableMap<String, ObjectNode> range = continueAfter == null ? bucket
                    : bucket.tailMap(continueAfter, false);
            List<ObjectNode> items = new ArrayList<>();
            String last = null;
            int remaining = 0;
            for (Map.Entry<String, ObjectNode> entry : range.entrySet()) {
                ObjectNode object = entry.getValue();
                if (!inNamespace(object, namespace) || !filter.test(object)) {
                    continue;
                }
                if (limit > 0 && items.size() == limit) {
                    remaining++;
                    continue;
                }
                items.add(Trees.asVersion(object, kind));
                last = entry.getKey();
            }
            return new Listing(items, resourceVersion, remaining > 0 ? last : null, remaining);
        }
    }

    ObjectNode create(Kind kind, String namespace, ObjectNode body) {
        return create(kind, namespace, body, Write.PLAIN);
    }

    ObjectNode create(Kind kind, String namespace, ObjectNode body, Write write) {
        synchronized (lock) {
            ObjectNode object = body.deepCopy();
            ObjectNode metadata = object.with("metadata");
            String name = metadata.path("name").asText("");
            if (name.isEmpty() && metadata.hasNonNull("generateName")) {
                name = generateName(kind, namespace, metadata.get("generateName").asText());
                metadata.put("name", name);
            }
            if (name.isEmpty()) {
                throw Statuses.invalid(kind, "", List.of(new Statuses.Cause("FieldValueRequired", "metadata.name",
                        "Required value: name or generateName is required")));
            }
            if (kind.namespaced()) {
                requireNamespaceOpenFor(kind, name, namespace);
                metadata.put("namespace", namespace);
            } else {
                metadata.remove("namespace");
            }
            String key = key(kind, namespace, name);
            if (bucket(kind).containsKey(key)) {
                throw Statuses.alreadyExists(kind, name);
            }
            metadata.put("uid", UUID.randomUUID().toString());
            metadata.put("creationTimestamp", now());
            metadata.remove(List.of("deletionTimestamp", "deletionGracePeriodSeconds", "resourceVersion"));
            if (kind.tracksGeneration()) {
                metadata.put("generation", 1);
            } else {
                metadata.remove("generation");
            }
            if (kind.statusSubresource()) {
                // kube-apiserver ignores the status sent with a create when status is a subresource.
                object.remove("status");
            }
            Lifecycle.prepareForCreate(kind, object);
            Trees.stampKind(object, kind);
            write.beforeStore().accept(null, object);
            if (write.dryRun()) {
                return Trees.asVersion(object, kind);
            }
            store(kind, key, object, null, "ADDED");
            return Trees.asVersion(object, kind);
        }
    }

    /**
     * A full update (PUT), or of the status alone. {@code candidate} is the whole object as the client wants it;
     * a resourceVersion in it must be the current one.
     */
    ObjectNode update(Kind kind, String namespace, String name, ObjectNode candidate, boolean statusOnly) {
        return update(kind, namespace, name, candidate, statusOnly, Write.PLAIN);
    }

    ObjectNode update(Kind kind, String namespace, String name, ObjectNode candidate, boolean statusOnly,
            Write write) {
        synchronized (lock) {
            String key = key(kind, namespace, name);
            ObjectNode current = bucket(kind).get(key);
            if (current == null) {
                throw Statuses.notFound(kind, name);
            }
            String wanted = candidate.path("metadata").path("resourceVersion").asText("");
            if (wanted.isEmpty() && kind.schema() != null) {
                // Custom resources allow no unconditional update; the built-in kinds the server holds do.
                throw Statuses.invalid(kind, name, List.of(new Statuses.Cause("FieldValueInvalid",
                        "metadata.resourceVersion", "Invalid value: 0x0: must be specified for an update")));
            }
            if (!wanted.isEmpty() && !wanted.equals(current.path("metadata").path("resourceVersion").asText())) {
                throw Statuses.staleResourceVersion(kind, name);
            }
            ObjectNode next = statusOnly ? withStatusOf(current, candidate) : candidate.deepCopy();
            ObjectNode metadata = next.with("metadata");
            ObjectNode before = (ObjectNode) current.get("metadata");
            for (String kept : List.of("uid", "creationTimestamp", "name", "namespace", "deletionTimestamp",
                    "deletionGracePeriodSeconds", "generation")) {
                if (before.has(kept)) {
                    metadata.set(kept, before.get(kept));
                } else {
                    metadata.remove(kept);
                }
            }
            if (!statusOnly && kind.statusSubresource()) {
                if (current.has("status")) {
                    next.set("status", current.get("status"));
                } else {
                    next.remove("status");
                }
            }
            Lifecycle.prepareForUpdate(kind, current, next);
            Trees.stampKind(next, kind);
            metadata.set("resourceVersion", before.get("resourceVersion"));
            write.beforeStore().accept(current, next);
            if (next.equals(current)) {
                return Trees.asVersion(current, kind);
            }
            if (kind.tracksGeneration() && Trees.generationChanges(kind, current, next)) {
                metadata.put("generation", before.path("generation").asLong(0) + 1);
            }
            if (write.dryRun()) {
                return Trees.asVersion(next, kind);
            }
            if (metadata.has("deletionTimestamp") && finalizers(next).isEmpty()) {
                removeLocked(kind, key, current, next);
                return Trees.asVersion(next, kind);
            }
            store(kind, key, next, current, "MODIFIED");
            return Trees.asVersion(next, kind);
        }
    }

    /**
     * Deletes at once when no finalizer holds the object; otherwise marks it with a deletionTimestamp. The
     * preconditions, when given, must match.
     */
    Deletion delete(Kind kind, String namespace, String name, String uid, String expectedResourceVersion) {
        return delete(kind, namespace, name, uid, expectedResourceVersion, false);
    }

    Deletion delete(Kind kind, String namespace, String name, String uid, String expectedResourceVersion,
            boolean dryRun) {
        return delete(kind, namespace, name, uid, expectedResourceVersion, dryRun, null);
    }

    /** A delete with a propagation policy for its dependents (see {@link GarbageCollector}); null: the default. */
    Deletion delete(Kind kind, String namespace, String name, String uid, String expectedResourceVersion,
            boolean dryRun, GarbageCollector.Propagation propagation) {
        synchronized (lock) {
            String key = key(kind, namespace, name);
            ObjectNode current = bucket(kind).get(key);
            if (current == null) {
                throw Statuses.notFound(kind, name);
            }
            JsonNode metadata = current.get("metadata");
            if (uid != null && !uid.equals(metadata.path("uid").asText())) {
                throw Statuses.conflict(kind, name, "Precondition failed: UID in precondition: " + uid
                        + ", UID in object meta: " + metadata.path("uid").asText());
            }
            if (expectedResourceVersion != null
                    && !expectedResourceVersion.equals(metadata.path("resourceVersion").asText())) {
                throw Statuses.conflict(kind, name, "Precondition failed: ResourceVersion in precondition: "
                        + expectedResourceVersion + ", ResourceVersion in object meta: "
                        + metadata.path("resourceVersion").asText());
            }
            if (dryRun) {
                return new Deletion(Trees.asVersion(current, kind), finalizers(current).isEmpty());
            }
            return deleteLocked(kind, key, current, propagation);
        }
    }

    /** Watches changes of one resource from a resourceVersion, or from a snapshot when {@code from} is null. */
    Subscription watch(Kind kind, String namespace, Predicate<JsonNode> filter, Long from, int queueLimit) {
        synchronized (lock) {
            Subscription subscription = new Subscription(kind, namespace, filter, queueLimit, resourceVersion);
            if (from == null || from == 0) {
                for (ObjectNode object : bucket(kind).values()) {
                    if (inNamespace(object, namespace) && filter.test(object)) {
                        subscription.initial.add(new Watches.Event("ADDED", Trees.asVersion(object, kind)));
                    }
                }
            } else {
                if (from < evictedUpTo) {
                    throw Statuses.expired(from, evictedUpTo + 1);
                }
                for (RecordedChange recorded : history) {
                    if (recorded.resourceVersion() > from && recorded.storageKey().equals(kind.storageKey())) {
                        subscription.offer(recorded.change());
                    }
                }
            }
            subscriptions.add(subscription);
            return subscription;
        }
    }

    void unsubscribe(Subscription subscription) {
        subscriptions.remove(subscription);
    }

    /** The resourceVersion a bookmark may carry: only when everything up to it reached the watch. */
    Long bookmarkVersion(Subscription subscription) {
        synchronized (lock) {
            return subscription.queue.isEmpty() ? resourceVersion : null;
        }
    }

    /** How much the store holds besides the objects: for tests that memory stays flat. */
    record Retained(int watches, int history, int collectorIndex) {
    }

    Retained retained() {
        synchronized (lock) {
            return new Retained(subscriptions.size(), history.size(), collector.indexed());
        }
    }

    void closeAllWatches() {
        subscriptions.forEach(Subscription::close);
        subscriptions.clear();
    }

    private ObjectNode withStatusOf(ObjectNode current, ObjectNode candidate) {
        ObjectNode next = current.deepCopy();
        if (candidate.has("status")) {
            next.set("status", candidate.get("status").deepCopy());
        } else {
            next.remove("status");
        }
        return next;
    }

    private Deletion deleteLocked(Kind kind, String key, ObjectNode current,
            GarbageCollector.Propagation propagation) {
        boolean namespace = kind.storageKey().equals(NAMESPACES);
        if (namespace) {
            return deleteNamespace(current);
        }
        if (propagation == null) {
            propagation = GarbageCollector.hasFinalizer(current, GarbageCollector.ORPHAN_FINALIZER)
                    ? GarbageCollector.Propagation.ORPHAN
                    : GarbageCollector.hasFinalizer(current, GarbageCollector.FOREGROUND_FINALIZER)
                    ? GarbageCollector.Propagation.FOREGROUND : GarbageCollector.Propagation.BACKGROUND;
        }
        GarbageCollector.Ref ref = ref(kind, key, current);
        if (propagation == GarbageCollector.Propagation.ORPHAN) {
            collector.orphan(ref, current);
            current = bucket(kind).get(key);
            if (current == null) {
                throw Statuses.notFound(kind, key);
            }
        } else if (propagation == GarbageCollector.Propagation.FOREGROUND) {
            return deleteInForeground(kind, key, current, ref);
        }
        ObjectNode metadata = (ObjectNode) current.get("metadata");
        if (!finalizers(current).isEmpty()) {
            if (metadata.has("deletionTimestamp")) {
                return new Deletion(Trees.asVersion(current, kind), false);
            }
            ObjectNode marked = current.deepCopy();
            marked.with("metadata").put("deletionTimestamp", now()).put("deletionGracePeriodSeconds", 0);
            store(kind, key, marked, current, "MODIFIED");
            return new Deletion(Trees.asVersion(marked, kind), false);
        }
        if (kind.storageKey().equals(BuiltInKinds.CRD.storageKey())) {
            removeInstancesOf(current);
        }
        removeLocked(kind, key, current, current);
        return new Deletion(Trees.asVersion(current, kind), true);
    }

    /** The owner waits with the foregroundDeletion finalizer while its blocking dependents are deleted. */
    private Deletion deleteInForeground(Kind kind, String key, ObjectNode current, GarbageCollector.Ref ref) {
        ObjectNode marked = current;
        if (!GarbageCollector.waitingForDependents(current)) {
            marked = current.deepCopy();
            ObjectNode metadata = marked.with("metadata");
            if (!metadata.has("deletionTimestamp")) {
                metadata.put("deletionTimestamp", now()).put("deletionGracePeriodSeconds", 0);
            }
            if (!GarbageCollector.hasFinalizer(marked, GarbageCollector.FOREGROUND_FINALIZER)) {
                metadata.withArray("finalizers").add(GarbageCollector.FOREGROUND_FINALIZER);
            }
            store(kind, key, marked, current, "MODIFIED");
        }
        collector.deleteDependents(ref, marked);
        ObjectNode now = bucket(kind).get(key);
        return new Deletion(Trees.asVersion(now == null ? marked : now, kind), now == null);
    }

    private static GarbageCollector.Ref ref(Kind kind, String key, JsonNode object) {
        return new GarbageCollector.Ref(kind.storageKey(), key,
                kind.namespaced() ? object.path("metadata").path("namespace").asText(null) : null);
    }

    /** The store as the garbage collector sees it; called holding the lock. */
    private final class CollectedObjects implements GarbageCollector.Objects {

        @Override
        public ObjectNode get(GarbageCollector.Ref ref) {
            NavigableMap<String, ObjectNode> bucket = objects.get(ref.storageKey());
            return bucket == null ? null : bucket.get(ref.key());
        }

        @Override
        public void delete(GarbageCollector.Ref ref, GarbageCollector.Propagation propagation) {
            ObjectNode current = get(ref);
            if (current != null) {
                deleteLocked(kindOfStored(current), ref.key(), current, propagation);
            }
        }

        @Override
        public void replace(GarbageCollector.Ref ref, ObjectNode next) {
            ObjectNode current = get(ref);
            if (current == null) {
                return;
            }
            Kind kind = kindOfStored(current);
            if (next.path("metadata").has("deletionTimestamp") && finalizers(next).isEmpty()) {
                if (kind.storageKey().equals(BuiltInKinds.CRD.storageKey())) {
                    removeInstancesOf(current);
                }
                removeLocked(kind, ref.key(), current, next);
            } else {
                store(kind, ref.key(), next, current, "MODIFIED");
            }
        }
    }

    /** A namespace turns Terminating, its content is deleted, and it goes when nothing is left in it. */
    private Deletion deleteNamespace(ObjectNode current) {
        Kind kind = BuiltInKinds.NAMESPACE;
        String name = current.path("metadata").path("name").asText();
        ObjectNode terminating = current;
        if (!current.path("metadata").has("deletionTimestamp")) {
            terminating = current.deepCopy();
            terminating.with("metadata").put("deletionTimestamp", now()).put("deletionGracePeriodSeconds", 0);
            terminating.with("status").put("phase", "Terminating");
            store(kind, name, terminating, current, "MODIFIED");
        }
        for (Map.Entry<String, NavigableMap<String, ObjectNode>> bucket : new ArrayList<>(objects.entrySet())) {
            for (ObjectNode object : new ArrayList<>(bucket.getValue().values())) {
                if (name.equals(object.path("metadata").path("namespace").asText(null))) {
                    Kind contentKind = kindOfStored(object);
                    String key = key(contentKind, name, object.path("metadata").path("name").asText());
                    // The collector may have taken it with an owner deleted before it.
                    ObjectNode live = bucket.getValue().get(key);
                    if (live != null) {
                        deleteLocked(contentKind, key, live, null);
                    }
                }
            }
        }
        ObjectNode now = objects.get(NAMESPACES).get(name);
        return new Deletion(Trees.asVersion(now == null ? terminating : now, kind), now == null);
    }

    private void removeInstancesOf(ObjectNode crd) {
        String storageKey = crd.path("spec").path("group").asText() + "/"
                + crd.path("spec").path("names").path("plural").asText();
        NavigableMap<String, ObjectNode> instances = objects.remove(storageKey);
        if (instances == null) {
            return;
        }
        for (Map.Entry<String, ObjectNode> instance : instances.entrySet()) {
            resourceVersion++;
            record(new Change(resourceVersion, storageKey, "DELETED", instance.getValue(), instance.getValue()));
            collector.removed(new GarbageCollector.Ref(storageKey, instance.getKey(),
                    instance.getValue().path("metadata").path("namespace").asText(null)), instance.getValue());
        }
    }

    private void removeLocked(Kind kind, String key, ObjectNode current, ObjectNode last) {
        bucket(kind).remove(key);
        resourceVersion++;
        ObjectNode gone = last.deepCopy();
        gone.with("metadata").put("resourceVersion", Long.toString(resourceVersion));
        record(new Change(resourceVersion, kind.storageKey(), "DELETED", gone, current));
        if (kind.storageKey().equals(BuiltInKinds.CRD.storageKey())) {
            customKinds.refresh(objects.getOrDefault(kind.storageKey(), new TreeMap<>()).values());
        }
        collector.removed(ref(kind, key, current), current);
        String namespace = current.path("metadata").path("namespace").asText(null);
        if (namespace != null) {
            finishTerminatingNamespace(namespace);
        }
    }

    /** The namespace "controller": a Terminating namespace with nothing left in it goes, unless finalizers hold it. */
    private void finishTerminatingNamespace(String name) {
        ObjectNode namespace = bucket(BuiltInKinds.NAMESPACE).get(name);
        if (namespace == null || !namespace.path("metadata").has("deletionTimestamp")) {
            return;
        }
        for (NavigableMap<String, ObjectNode> bucket : objects.values()) {
            for (ObjectNode object : bucket.values()) {
                if (name.equals(object.path("metadata").path("namespace").asText(null))) {
                    return;
                }
            }
        }
        ObjectNode emptied = namespace.deepCopy();
        emptied.with("spec").putArray("finalizers");
        if (finalizers(emptied).isEmpty()) {
            removeLocked(BuiltInKinds.NAMESPACE, name, namespace, emptied);
        } else {
            store(BuiltInKinds.NAMESPACE, name, emptied, namespace, "MODIFIED");
        }
    }

    private void store(Kind kind, String key, ObjectNode object, ObjectNode previous, String type) {
        resourceVersion++;
        object.with("metadata").put("resourceVersion", Long.toString(resourceVersion));
        bucket(kind).put(key, object);
        record(new Change(resourceVersion, kind.storageKey(), type, object, previous));
        if (kind.storageKey().equals(BuiltInKinds.CRD.storageKey())) {
            customKinds.refresh(bucket(kind).values());
        }
        collector.stored(ref(kind, key, object), previous, object);
    }

    private void record(Change change) {
        history.addLast(RecordedChange.of(change));
        while (history.size() > historySize) {
            evictedUpTo = history.removeFirst().resourceVersion();
        }
        for (Subscription subscription : subscriptions) {
            subscription.offer(change);
        }
    }

    private void requireNamespaceOpenFor(Kind kind, String name, String namespace) {
        ObjectNode found = bucket(BuiltInKinds.NAMESPACE).get(namespace);
        if (found == null) {
            throw Statuses.namespaceNotFound(namespace);
        }
        if (found.path("metadata").has("deletionTimestamp")) {
            throw Statuses.terminatingNamespace(kind, name, namespace);
        }
    }

    private String generateName(Kind kind, String namespace, String prefix) {
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        for (int attempt = 0; attempt < 8; attempt++) {
            StringBuilder name = new StringBuilder(prefix);
            for (int i = 0; i < 5; i++) {
                name.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
            }
            if (!bucket(kind).containsKey(key(kind, namespace, name.toString()))) {
                return name.toString();
            }
        }
        throw Statuses.alreadyExists(kind, prefix);
    }

    private Kind kindOfStored(ObjectNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String kindName = object.path("kind").asText();
        for (Kind kind : BuiltInKinds.ALL) {
            if (kind.group().equals(group) && kind.kind().equals(kindName)) {
                return kind;
            }
        }
        return customKinds.byGroupAndKind(group, kindName)
                .orElseThrow(() -> Statuses.internal("no resource serves " + apiVersion + " " + kindName));
    }

    private NavigableMap<String, ObjectNode> bucket(Kind kind) {
        return objects.computeIfAbsent(kind.storageKey(), k -> new TreeMap<>());
    }

    private String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String key(Kind kind, String namespace, String name) {
        return kind.namespaced() ? namespace + "/" + name : name;
    }

    private static boolean inNamespace(JsonNode object, String namespace) {
        return namespace == null || namespace.equals(object.path("metadata").path("namespace").asText(null));
    }

    static List<String> finalizers(JsonNode object) {
        List<String> finalizers = new ArrayList<>();
        object.path("metadata").path("finalizers").forEach(f -> finalizers.add(f.asText()));
        if (object.path("kind").asText().equals("Namespace")) {
            object.path("spec").path("finalizers").forEach(f -> finalizers.add(f.asText()));
        }
        return finalizers;
    }

    /** One watch's queue of changes; the HTTP side drains it. */
    final class Subscription {

        final Kind kind;
        final List<Watches.Event> initial = new ArrayList<>();
        final java.util.concurrent.BlockingQueue<Watches.Event> queue;
        private final String namespace;
        private final Predicate<JsonNode> filter;
        private volatile boolean overflowed;

        private final long snapshotVersion;

        private Subscription(Kind kind, String namespace, Predicate<JsonNode> filter, int limit,
                long snapshotVersion) {
            this.snapshotVersion = snapshotVersion;
            this.kind = kind;
            this.namespace = namespace;
            this.filter = filter;
            this.queue = new java.util.concurrent.LinkedBlockingQueue<>(limit);
        }

        /** The resourceVersion the watch began at: its initial events are the state at this version. */
        long snapshotVersion() {
            return snapshotVersion;
        }

        boolean overflowed() {
            return overflowed;
        }

        Long bookmarkVersion() {
            return Store.this.bookmarkVersion(this);
        }

        /** Puts a change in the queue as this watch sees it: selectors turn entering into ADDED, leaving into DELETED. */
        private void offer(Change change) {
            if (!change.storageKey().equals(kind.storageKey())) {
                return;
            }
            boolean now = !change.type().equals("DELETED") && matches(change.object());
            boolean before = change.previous() != null
                    && (change.type().equals("DELETED") ? matches(change.object()) : matches(change.previous()));
            String type;
            if (now && before) {
                type = "MODIFIED";
            } else if (now) {
                type = "ADDED";
            } else if (before) {
                type = "DELETED";
            } else {
                return;
            }
            if (!queue.offer(new Watches.Event(type, Trees.asVersion(change.object(), kind)))) {
                // A reader this far behind is gone or stuck; kube-apiserver closes such a watch too.
                overflowed = true;
                close();
            }
        }

        private boolean matches(ObjectNode object) {
            return inNamespace(object, namespace) && filter.test(object);
        }

        void close() {
            queue.clear();
            queue.offer(Watches.Event.END);
            unsubscribe(this);
        }
    }
}
