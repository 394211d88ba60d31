# Private ECR repositories: immutable tags (a released tag can never point at other bits), scan
# on push, and a lifecycle policy so old images do not pile up.

module "ecr" {
  source  = "terraform-aws-modules/ecr/aws"
  version = "2.4.0"

  for_each = var.repository_names

  repository_name                 = each.value
  repository_type                 = "private"
  repository_image_tag_mutability = "IMMUTABLE"
  repository_image_scan_on_push   = true
  repository_encryption_type      = "AES256"
  repository_force_delete         = var.force_delete

  repository_read_write_access_arns = var.push_principal_arns
  repository_read_access_arns       = var.pull_principal_arns

  create_lifecycle_policy = true
  repository_lifecycle_policy = jsonencode({
    rules = [
      # Release tags first: an image a rule has matched is never expired by a later rule, so the
      # stream of main's builds cannot expire a release prod still runs by digest.
      {
        rulePriority = 1
        description  = "Keep the last ${var.keep_releases} release (v*) images"
        selection = {
          tagStatus     = "tagged"
          tagPrefixList = ["v"]
          countType     = "imageCountMoreThan"
          countNumber   = var.keep_releases
        }
        action = {
          type = "expire"
        }
      },
      {
        rulePriority = 2
        description  = "Keep the last ${var.keep_images} images"
        selection = {
          tagStatus   = "any"
          countType   = "imageCountMoreThan"
          countNumber = var.keep_images
        }
        action = {
          type = "expire"
        }
      }
    ]
  })

  tags = var.tags
}
