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
  description = "Master user, for the users' bootstrap Job only"
  value       = var.username
}

output "app_username" {
  description = "User the service logs in as (DB_USER)"
  value       = var.app_username
}

output "migration_username" {
  description = "User Flyway migrates the schema as (SPRING_FLYWAY_USER)"
  value       = var.migration_username
}

output "secret_arn" {
  description = "ARN of the Secrets Manager secret with the master user's credentials (JSON: username, password, host, port, dbname)"
  value       = aws_secretsmanager_secret.user["master"].arn
}

output "secret_name" {
  description = "Name of the Secrets Manager secret with the master user's credentials"
  value       = aws_secretsmanager_secret.user["master"].name
}

output "app_secret_arn" {
  description = "ARN of the Secrets Manager secret with the service user's credentials (same JSON keys)"
  value       = aws_secretsmanager_secret.user["app"].arn
}

output "migration_secret_arn" {
  description = "ARN of the Secrets Manager secret with the migration user's credentials (same JSON keys)"
  value       = aws_secretsmanager_secret.user["migration"].arn
}

output "security_group_id" {
  description = "Security group of the database"
  value       = aws_security_group.db.id
}
