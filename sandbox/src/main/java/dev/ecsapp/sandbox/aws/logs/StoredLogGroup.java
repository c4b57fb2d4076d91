package dev.ecsapp.sandbox.aws.logs;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** One log group's settings (the sandbox keeps no log events). */
final class StoredLogGroup {

    final String name;
    final Instant createdAt;
    final String logGroupClass;
    final String kmsKeyId;
    Integer retentionInDays;
    boolean deletionProtection;
    final Map<String, String> tags = new TreeMap<>();

    StoredLogGroup(String name, Instant createdAt, String logGroupClass, String kmsKeyId, boolean deletionProtection) {
        this.name = name;
        this.createdAt = createdAt;
        this.logGroupClass = logGroupClass;
        this.kmsKeyId = kmsKeyId;
        this.deletionProtection = deletionProtection;
    }
}
