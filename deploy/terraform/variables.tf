variable "name" {
  description = "Name of the foundation: the ECS cluster, the load balancer, the IAM role path and the prefix of every other name. Lowercase letters, digits and hyphens, at most 24 characters (the operator's IAM policy is sized for that)."
  type        = string
  default     = "ecsapp"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,22}[a-z0-9]$", var.name)) && !startswith(var.name, "internal-")
    error_message = "name must be 2 to 24 lowercase letters, digits or hyphens, starting with a letter, not ending with a hyphen, and not starting with internal- (a load balancer name cannot)."
  }
}

variable "region" {
  description = "AWS region of everything here, e.g. eu-west-1."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "region must be an AWS region name like eu-west-1."
  }
}

variable "tags" {
  description = "Tags added to every resource here (next to ecsapp.dev/foundation)."
  type        = map(string)
  default     = {}
}

variable "vpc_cidr" {
  description = "CIDR block of the VPC; split into two public and two private subnets."
  type        = string
  default     = "10.40.0.0/16"

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && tonumber(split("/", var.vpc_cidr)[1]) <= 20
    error_message = "vpc_cidr must be an IPv4 CIDR block of /20 or larger (each of the four subnets gets a quarter of it at least /22)."
  }
}

variable "availability_zones" {
  description = "Exactly two availability zones for the subnets. Empty: the region's first two available zones."
  type        = list(string)
  default     = []

  validation {
    condition     = length(var.availability_zones) == 0 || length(var.availability_zones) == 2
    error_message = "availability_zones must be empty or name exactly two zones."
  }
}

variable "nat_gateway_per_zone" {
  description = "One NAT gateway per availability zone (true: a zone's outage does not cut the other's tasks off the internet) or one shared (false: cheaper)."
  type        = bool
  default     = true
}

variable "certificate_arn" {
  description = "ARN of the ACM certificate of the HTTPS listener (in this region)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/.+$", var.certificate_arn))
    error_message = "certificate_arn must be an ACM certificate ARN."
  }
}

variable "ssl_policy" {
  description = "TLS policy of the HTTPS listener."
  type        = string
  default     = "ELBSecurityPolicy-TLS13-1-2-2021-06"
}

variable "alb_ingress_cidrs" {
  description = "IPv4 CIDR blocks allowed to reach the load balancer on ports 80 and 443."
  type        = list(string)
  default     = ["0.0.0.0/0"]

  validation {
    condition     = length(var.alb_ingress_cidrs) > 0 && alltrue([for cidr in var.alb_ingress_cidrs : can(cidrhost(cidr, 0))])
    error_message = "alb_ingress_cidrs must list at least one IPv4 CIDR block."
  }
}

variable "app_port" {
  description = "Port the apps' containers listen on; the only port the tasks' security group opens, and only to the load balancer. The reference service and the EcsApp default use 5000."
  type        = number
  default     = 5000

  validation {
    condition     = var.app_port >= 1 && var.app_port <= 65535 && floor(var.app_port) == var.app_port
    error_message = "app_port must be a port number from 1 to 65535."
  }
}

variable "container_insights_retention_days" {
  description = "Days CloudWatch keeps the cluster's Container Insights performance events."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.container_insights_retention_days)
    error_message = "container_insights_retention_days must be one of CloudWatch Logs' retention values (1, 3, 5, 7, 14, 30, 60, 90, ...)."
  }
}

variable "task_secret_arns" {
  description = "ARNs (wildcards allowed) of Secrets Manager secrets and SSM parameters the task execution role may read for apps' spec.secrets. Empty: none."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.task_secret_arns : can(regex("^arn:aws[a-z-]*:(secretsmanager|ssm):", arn))])
    error_message = "task_secret_arns must be Secrets Manager or SSM Parameter Store ARNs."
  }
}

variable "eks_oidc_provider_arn" {
  description = "ARN of the IAM OIDC provider of the EKS cluster the operator runs in (aws_iam_openid_connect_provider of the cluster's issuer)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider/.+$", var.eks_oidc_provider_arn))
    error_message = "eks_oidc_provider_arn must be an IAM OIDC provider ARN."
  }
}

variable "eks_oidc_provider_url" {
  description = "Issuer URL of the EKS cluster's OIDC provider, with or without https://, e.g. oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE."
  type        = string

  validation {
    condition     = can(regex("^(https://)?oidc\\.eks\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/id/[A-Za-z0-9]+$", var.eks_oidc_provider_url))
    error_message = "eks_oidc_provider_url must be an EKS OIDC issuer like oidc.eks.REGION.amazonaws.com/id/ID."
  }
}

variable "operator_namespace" {
  description = "Kubernetes namespace of the operator's service account."
  type        = string
  default     = "ecsapp-system"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", var.operator_namespace))
    error_message = "operator_namespace must be a Kubernetes namespace name."
  }
}

variable "operator_service_account" {
  description = "Name of the operator's Kubernetes service account (the Helm chart's serviceAccount.name, by default the release's full name)."
  type        = string
  default     = "ecsapp-operator"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", var.operator_service_account))
    error_message = "operator_service_account must be a Kubernetes service account name."
  }
}

variable "github_repository" {
  description = "GitHub repository (owner/name) whose workflows may assume the deploy role."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$", var.github_repository))
    error_message = "github_repository must be owner/name."
  }
}

variable "github_branches" {
  description = "Branches whose workflow runs may assume the deploy role (refs/heads/...). Pull requests never can."
  type        = list(string)
  default     = ["main"]
}

variable "github_tag_patterns" {
  description = "Tag patterns whose workflow runs may assume the deploy role (refs/tags/...; * is a wildcard), e.g. v* for releases."
  type        = list(string)
  default     = ["v*"]
}

variable "github_environments" {
  description = "GitHub environments whose jobs may assume the deploy role. A job in an environment signs in as that environment, not as its branch: the release workflow's deploy job runs in production. Restrict the environment's deployment branches to main in GitHub."
  type        = list(string)
  default     = ["production"]
}

variable "create_github_oidc_provider" {
  description = "Create the account's IAM OIDC provider for GitHub Actions. False when the account has one already (there can be only one per URL): it is then looked up."
  type        = bool
  default     = true
}

variable "ecr_repositories" {
  description = "ECR repositories the pipeline pushes to: the reference service's image and the operator's."
  type        = list(string)
  default     = ["reference-service", "ecsapp-operator"]

  validation {
    condition     = alltrue([for name in var.ecr_repositories : can(regex("^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$", name))])
    error_message = "ecr_repositories must be ECR repository names (lowercase, separated by . _ - or /)."
  }
}

variable "ecr_keep_last_images" {
  description = "Images each pipeline repository keeps; a lifecycle policy expires older ones."
  type        = number
  default     = 30

  validation {
    condition     = var.ecr_keep_last_images >= 1 && var.ecr_keep_last_images <= 1000
    error_message = "ecr_keep_last_images must be from 1 to 1000."
  }
}

variable "eks_cluster_name" {
  description = "Name of the EKS cluster the pipeline applies EcsApps to with kubectl. Empty: the deploy role gets no EKS access."
  type        = string
  default     = ""
}

variable "pipeline_namespaces" {
  description = "Kubernetes namespaces where the pipeline may edit resources (EcsApps among them, through the chart's aggregated edit role). Used only with eks_cluster_name."
  type        = list(string)
  default     = ["default"]
}
