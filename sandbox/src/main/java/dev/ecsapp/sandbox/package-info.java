/**
 * The sandbox: AWS's ECS, ECR, ELBv2, CloudWatch Logs, Application Auto Scaling, STS and EC2 (network) APIs on one
 * loopback port, and a Kubernetes API server, in one process, so that the operator runs and is tested without a
 * cloud account.
 */
package dev.ecsapp.sandbox;
