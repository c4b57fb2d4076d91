package dev.ecsapp.sandbox.aws.ecs;

import java.util.Random;
import java.util.UUID;

/** IDs in the shapes ECS makes them, from a seeded generator so a sandbox run is repeatable. */
final class EcsIds {

    private Random random = new Random(7);

    void reset() {
        random = new Random(7);
    }

    /** 32 hex digits, like a task ID. */
    String taskId() {
        return hex(32);
    }

    /** {@code ecs-svc/} and 19 digits, like a deployment ID. */
    String deploymentId() {
        StringBuilder id = new StringBuilder("ecs-svc/").append(1 + random.nextInt(9));
        for (int i = 1; i < 19; i++) {
            id.append(random.nextInt(10));
        }
        return id.toString();
    }

    String eventId() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private String hex(int digits) {
        StringBuilder id = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            id.append(Character.forDigit(random.nextInt(16), 16));
        }
        return id.toString();
    }
}
