package dev.ecsapp.sandbox.aws.logs;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** One log group: its settings and its streams. */
final class StoredLogGroup {

    final String name;
    final Instant createdAt;
    final String logGroupClass;
    final String kmsKeyId;
    Integer retentionInDays;
    boolean deletionProtection;
    final Map<String, String> tags = new TreeMap<>();
    /** By name, in name order as DescribeLogStreams lists them by default. */
    final Map<String, StoredLogStream> streams = new TreeMap<>();

    StoredLogGroup(String name, Instant createdAt, String logGroupClass, String kmsKeyId, boolean deletionProtection) {
        this.name = name;
        this.createdAt = createdAt;
        this.logGroupClass = logGroupClass;
        this.kmsKeyId = kmsKeyId;
        this.deletionProtection = deletionProtection;
    }
}
