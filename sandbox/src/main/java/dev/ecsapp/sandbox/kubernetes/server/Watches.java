package dev.ecsapp.sandbox.kubernetes.server;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What a watch stream carries. */
final class Watches {

    private Watches() {
    }

    /** One watch event: ADDED, MODIFIED, DELETED, BOOKMARK or ERROR, with its object. */
    record Event(String type, ObjectNode object) {
        /** Put in a queue to end the watch. */
        static final Event END = new Event("END", null);
    }
}
