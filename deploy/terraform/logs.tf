# Log group conventions:
#   /ecs/<namespace>/<name>                      each app's container logs; the operator creates it with the app's
#                                                spec.logRetentionDays, tags it and deletes it with the app
#   /aws/ecs/containerinsights/<cluster>/performance
#                                                Container Insights' events for the cluster, created here so that
#                                                its retention is set rather than "never expire"
# The task execution role may write only under /ecs/, and the operator's policy creates groups only there.

resource "aws_cloudwatch_log_group" "container_insights" {
  name              = "/aws/ecs/containerinsights/${var.name}/performance"
  retention_in_days = var.container_insights_retention_days
}
