output "configuration_endpoint" {
  description = "Configuration endpoint of the cluster (SPRING_DATA_REDIS_CLUSTER_NODES=<this>:6379)"
  value       = module.redis.replication_group_configuration_endpoint_address
}

output "port" {
  description = "Port of the cluster"
  value       = 6379
}

output "secret_arn" {
  description = "ARN of the Secrets Manager secret with the AUTH token (JSON: auth_token, configuration_endpoint, port)"
  value       = aws_secretsmanager_secret.redis.arn
}

output "secret_name" {
  description = "Name of the Secrets Manager secret with the AUTH token"
  value       = aws_secretsmanager_secret.redis.name
}

output "security_group_id" {
  description = "Security group of the cache"
  value       = module.redis.security_group_id
}
