resource "aws_ecs_cluster" "main" {
  name = var.name

  # Per-service and per-task CPU, memory and network metrics in CloudWatch; the performance events go to the log
  # group in logs.tf, created first so its retention applies from the start.
  setting {
    name  = "containerInsights"
    value = "enabled"
  }

  depends_on = [aws_cloudwatch_log_group.container_insights]
}

# Apps choose FARGATE or FARGATE_SPOT per service (spec.capacityProviders); both must be on the cluster. Without a
# strategy an app runs on the FARGATE launch type.
resource "aws_ecs_cluster_capacity_providers" "main" {
  cluster_name       = aws_ecs_cluster.main.name
  capacity_providers = ["FARGATE", "FARGATE_SPOT"]

  default_capacity_provider_strategy {
    capacity_provider = "FARGATE"
    weight            = 1
    base              = 0
  }
}
