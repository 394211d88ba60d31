output "secret_arn" {
  description = "ARN of the Secrets Manager secret with the service's secrets (JSON: jwt_secret, admin_password)"
  value       = aws_secretsmanager_secret.app.arn
}

output "secret_name" {
  description = "Name of the Secrets Manager secret with the service's secrets"
  value       = aws_secretsmanager_secret.app.name
}

output "external_secrets_role_arn" {
  description = "IAM role for the SecretStore's service account (annotation eks.amazonaws.com/role-arn)"
  value       = aws_iam_role.external_secrets.arn
}
