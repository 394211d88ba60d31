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
  value       = aws_iam_role.reader["external_secrets"].arn
}

output "db_users_role_arn" {
  description = "IAM role for the users' bootstrap Job's service account (deploy/components/db-users/secret-store.yaml)"
  value       = aws_iam_role.reader["db_users"].arn
}
