# The operator's role, assumed through IRSA by its Kubernetes service account only. Its permissions are
# deploy/iam/operator-policy.json, the one copy of the policy, rendered here with this foundation's names.

locals {
  eks_oidc_issuer = trimprefix(var.eks_oidc_provider_url, "https://")
}

data "aws_iam_policy_document" "operator_assume" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [var.eks_oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.eks_oidc_issuer}:sub"
      values   = ["system:serviceaccount:${var.operator_namespace}:${var.operator_service_account}"]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.eks_oidc_issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "operator" {
  name               = "${var.name}-operator"
  path               = "/${var.name}/"
  description        = "The ecsapp operator (IRSA: ${var.operator_namespace}/${var.operator_service_account})"
  assume_role_policy = data.aws_iam_policy_document.operator_assume.json
}

# Inline, not managed: scoped statement by statement the policy is larger than the 6,144 characters a managed
# policy may hold, and it belongs to this role alone.
resource "aws_iam_role_policy" "operator" {
  name = "ecsapp-operator"
  role = aws_iam_role.operator.id
  policy = templatefile("${path.module}/../iam/operator-policy.json", {
    partition          = data.aws_partition.current.partition
    region             = var.region
    account_id         = data.aws_caller_identity.current.account_id
    cluster_name       = aws_ecs_cluster.main.name
    load_balancer_name = aws_lb.main.name
    app_role_path      = local.app_role_path
  })
}
