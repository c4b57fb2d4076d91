# GitHub Actions sign in with OIDC (no stored keys) and may assume the deploy role only from the given branches,
# tags and environments of the one repository; pull requests, forks and other refs cannot.
#
# A job that names an environment (the release workflow's deploy job: production) gets the subject
# repo:OWNER/REPO:environment:NAME instead of its ref, so it matches no branch subject. Such a subject carries no
# branch: which branches may deploy is the environment's deployment branch rule in GitHub (set it to main), and its
# required reviewers gate the job before it gets a token at all.

locals {
  github_oidc_url = "https://token.actions.githubusercontent.com"
  github_subjects = concat(
    [for branch in var.github_branches : "repo:${var.github_repository}:ref:refs/heads/${branch}"],
    [for pattern in var.github_tag_patterns : "repo:${var.github_repository}:ref:refs/tags/${pattern}"],
    [for environment in var.github_environments : "repo:${var.github_repository}:environment:${environment}"],
  )
  github_oidc_provider_arn = var.create_github_oidc_provider ? aws_iam_openid_connect_provider.github[0].arn : data.aws_iam_openid_connect_provider.github[0].arn
}

resource "aws_iam_openid_connect_provider" "github" {
  count = var.create_github_oidc_provider ? 1 : 0

  url            = local.github_oidc_url
  client_id_list = ["sts.amazonaws.com"]
  # IAM verifies GitHub's certificate against its own trusted CAs; the thumbprints are what older provider versions
  # insist on being given.
  thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1", "1c58a3a8518e8759bf075b76b750d4f2df264fcd"]
}

data "aws_iam_openid_connect_provider" "github" {
  count = var.create_github_oidc_provider ? 0 : 1

  url = local.github_oidc_url
}

data "aws_iam_policy_document" "github_assume" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [local.github_oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }

    condition {
      test     = "StringLike"
      variable = "token.actions.githubusercontent.com:sub"
      values   = local.github_subjects
    }
  }
}

resource "aws_iam_role" "github_deploy" {
  name               = "${var.name}-github-deploy"
  path               = "/${var.name}/"
  description        = "GitHub Actions of ${var.github_repository}: push and scan images, apply EcsApps"
  assume_role_policy = data.aws_iam_policy_document.github_assume.json
}

data "aws_iam_policy_document" "github_deploy" {
  statement {
    sid = "EcrLogin"
    # GetAuthorizationToken has no resource-level permissions.
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  statement {
    sid = "PushToPipelineRepositories"
    actions = [
      "ecr:BatchCheckLayerAvailability",
      "ecr:BatchGetImage",
      "ecr:CompleteLayerUpload",
      "ecr:DescribeImages",
      "ecr:GetDownloadUrlForLayer",
      "ecr:InitiateLayerUpload",
      "ecr:PutImage",
      "ecr:UploadLayerPart",
    ]
    resources = [for repository in aws_ecr_repository.pipeline : repository.arn]
  }

  # .github/scripts/ecr-scan-gate.sh reads the scan of each pushed image, and starts one when a repository does not
  # scan on push.
  statement {
    sid = "ScanPushedImages"
    actions = [
      "ecr:DescribeImageScanFindings",
      "ecr:StartImageScan",
    ]
    resources = [for repository in aws_ecr_repository.pipeline : repository.arn]
  }

  # kubectl needs the cluster's endpoint and certificate (aws eks update-kubeconfig); what it may do inside the
  # cluster is the access entry's business below.
  dynamic "statement" {
    for_each = var.eks_cluster_name == "" ? [] : [1]

    content {
      sid       = "FindTheCluster"
      actions   = ["eks:DescribeCluster"]
      resources = ["arn:${data.aws_partition.current.partition}:eks:${var.region}:${data.aws_caller_identity.current.account_id}:cluster/${var.eks_cluster_name}"]
    }
  }
}

resource "aws_iam_role_policy" "github_deploy" {
  name   = "push-images-apply-ecsapps"
  role   = aws_iam_role.github_deploy.id
  policy = data.aws_iam_policy_document.github_deploy.json
}

# Inside the cluster the pipeline may edit resources in its namespaces only. EcsApps are among them when the
# operator's chart aggregates EcsApp rights into Kubernetes' edit role (its rbac.aggregateToDefaultRoles).
resource "aws_eks_access_entry" "github_deploy" {
  count = var.eks_cluster_name == "" ? 0 : 1

  cluster_name  = var.eks_cluster_name
  principal_arn = aws_iam_role.github_deploy.arn
}

resource "aws_eks_access_policy_association" "github_deploy" {
  count = var.eks_cluster_name == "" ? 0 : 1

  cluster_name  = var.eks_cluster_name
  principal_arn = aws_iam_role.github_deploy.arn
  policy_arn    = "arn:${data.aws_partition.current.partition}:eks::aws:cluster-access-policy/AmazonEKSEditPolicy"

  access_scope {
    type       = "namespace"
    namespaces = var.pipeline_namespaces
  }

  depends_on = [aws_eks_access_entry.github_deploy]
}
