output "cluster_name" {
  description = "ECS cluster the apps run in."
  value       = aws_ecs_cluster.main.name
}

output "region" {
  description = "AWS region of the foundation."
  value       = data.aws_region.current.name
}

output "private_subnet_ids" {
  description = "Private subnets for the apps' tasks, one per zone."
  value       = aws_subnet.private[*].id
}

output "tasks_security_group_id" {
  description = "Security group for the apps' tasks: the app port from the load balancer only."
  value       = aws_security_group.tasks.id
}

output "https_listener_arn" {
  description = "HTTPS listener the operator adds the apps' rules to."
  value       = aws_lb_listener.https.arn
}

output "execution_role_arn" {
  description = "Task execution role for apps that name none."
  value       = aws_iam_role.task_execution.arn
}

output "operator_role_arn" {
  description = "IAM role of the operator's service account (IRSA)."
  value       = aws_iam_role.operator.arn
}

output "app_role_path" {
  description = "IAM path under which apps' task roles must be created for the operator to pass them."
  value       = local.app_role_path
}

output "load_balancer_dns_name" {
  description = "DNS name of the shared load balancer; point the apps' host names at it (alias or CNAME)."
  value       = aws_lb.main.dns_name
}

output "load_balancer_zone_id" {
  description = "Route 53 hosted zone of the load balancer, for alias records."
  value       = aws_lb.main.zone_id
}

output "vpc_id" {
  description = "The foundation's VPC."
  value       = aws_vpc.main.id
}

output "ecr_repository_urls" {
  description = "Repository URLs the pipeline pushes to, by name."
  value       = { for name, repository in aws_ecr_repository.pipeline : name => repository.repository_url }
}

output "github_deploy_role_arn" {
  description = "Role GitHub Actions assume (aws-actions/configure-aws-credentials role-to-assume)."
  value       = aws_iam_role.github_deploy.arn
}
