provider "aws" {
  region = var.region

  # Every resource says which foundation it belongs to; the operator's own resources carry ecsapp.dev/managed-by
  # instead, so the two never mix.
  default_tags {
    tags = merge(var.tags, {
      "ecsapp.dev/foundation" = var.name
    })
  }
}

data "aws_partition" "current" {}

data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

data "aws_availability_zones" "available" {
  state = "available"
}
