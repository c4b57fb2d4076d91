terraform {
  # templatefile(), optional object attributes and variable validation that refers to other variables' values.
  required_version = ">= 1.9.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 5.x: aws_vpc_security_group_ingress_rule, aws_eks_access_entry and the cluster's Container Insights
      # setting as used here; 6.0 changes region handling, so stay below it until it is tried.
      version = "~> 5.70"
    }
  }
}
