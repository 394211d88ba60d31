output "role_arn" {
  description = "IAM role the release workflow assumes (GitHub variable AWS_RELEASE_ROLE_ARN)"
  value       = aws_iam_role.release.arn
}

output "oidc_provider_arn" {
  description = "The account's OIDC provider for GitHub Actions"
  value       = local.provider_arn
}
