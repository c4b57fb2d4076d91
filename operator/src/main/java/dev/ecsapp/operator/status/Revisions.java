package dev.ecsapp.operator.status;

/** Short names of task definition revisions for messages. */
final class Revisions {

    private Revisions() {
    }

    /** {@code arn:aws:ecs:eu-west-1:123456789012:task-definition/shop-checkout:7} reads as {@code shop-checkout:7}. */
    static String shortName(String taskDefinitionArn) {
        if (taskDefinitionArn == null) {
            return "(none)";
        }
        return taskDefinitionArn.substring(taskDefinitionArn.lastIndexOf('/') + 1);
    }
}
