output "endpoint" {
  description = "Host name of the database (DB_HOST)"
  value       = module.db.db_instance_address
}

output "port" {
  description = "Port of the database (DB_PORT)"
  value       = module.db.db_instance_port
}

output "db_name" {
  description = "Database the service uses (DB_NAME)"
  value       = var.db_name
}

output "username" {
  description = "User the service logs in as (DB_USER)"
  value       = var.username
}

output "secret_arn" {
  description = "ARN of the Secrets Manager secret with the credentials (JSON: username, password, host, port, dbname)"
  value       = aws_secretsmanager_secret.db.arn
}

output "secret_name" {
  description = "Name of the Secrets Manager secret with the credentials"
  value       = aws_secretsmanager_secret.db.name
}

output "security_group_id" {
  description = "Security group of the database"
  value       = aws_security_group.db.id
}
