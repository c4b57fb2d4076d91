# Repositories the release pipeline pushes to. Apps' own repositories can be made by the operator instead
# (spec.repository.managed), with the same scanning and lifecycle settings.

resource "aws_ecr_repository" "pipeline" {
  for_each = toset(var.ecr_repositories)

  name = each.value
  # Release tags are pushed once; a tag that moved would make a task definition run a different image than it says.
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }
}

resource "aws_ecr_lifecycle_policy" "pipeline" {
  for_each = aws_ecr_repository.pipeline

  repository = each.value.name
  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "Keep the newest ${var.ecr_keep_last_images} images"
      selection = {
        tagStatus   = "any"
        countType   = "imageCountMoreThan"
        countNumber = var.ecr_keep_last_images
      }
      action = {
        type = "expire"
      }
    }]
  })
}
