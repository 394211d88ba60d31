output "region" {
  description = "AWS region"
  value       = var.region
}

output "cluster_name" {
  description = "EKS cluster name (aws eks update-kubeconfig --name <this>)"
  value       = module.eks.cluster_name
}

output "configure_kubectl" {
  description = "Command that points kubectl at the cluster"
  value       = "aws eks update-kubeconfig --region ${var.region} --name ${module.eks.cluster_name}"
}

output "ecr_repository_url" {
  description = "ECR repository of the service image"
  value       = module.registry.repository_urls["ticketing"]
}

output "ecr_loadtest_repository_url" {
  description = "ECR repository of the load-test image"
  value       = module.registry.repository_urls["ticketing-loadtest"]
}

output "db_endpoint" {
  description = "MySQL host name (DB_HOST), when managed_datastores is on"
  value       = one(module.mysql[*].endpoint)
}

output "db_secret_arn" {
  description = "Secrets Manager secret with the MySQL master credentials, when managed_datastores is on"
  value       = one(module.mysql[*].secret_arn)
}

output "db_app_secret_arn" {
  description = "Secrets Manager secret with the service user's credentials, when managed_datastores is on"
  value       = one(module.mysql[*].app_secret_arn)
}

output "db_migration_secret_arn" {
  description = "Secrets Manager secret with the migration user's credentials, when managed_datastores is on"
  value       = one(module.mysql[*].migration_secret_arn)
}

output "redis_configuration_endpoint" {
  description = "Redis cluster configuration endpoint, when managed_datastores is on"
  value       = one(module.redis[*].configuration_endpoint)
}

output "redis_secret_arn" {
  description = "Secrets Manager secret with the Redis AUTH token, when managed_datastores is on"
  value       = one(module.redis[*].secret_arn)
}

output "app_secret_arn" {
  description = "Secrets Manager secret with the JWT key and admin password, when managed_datastores is on"
  value       = one(module.app_secrets[*].secret_arn)
}

output "external_secrets_role_arn" {
  description = "IAM role for the SecretStore's service account, when managed_datastores is on"
  value       = one(module.app_secrets[*].external_secrets_role_arn)
}

output "db_users_role_arn" {
  description = "IAM role of the users' bootstrap Job's SecretStore, when managed_datastores is on"
  value       = one(module.app_secrets[*].db_users_role_arn)
}

output "app_security_group_id" {
  description = "Security group of the service's pods, the only one RDS and ElastiCache admit when managed_datastores is on (a SecurityGroupPolicy as in deploy/overlays/prod gives it to them)"
  value       = module.eks.app_security_group_id
}

output "network_policy_cidrs" {
  description = "CIDR blocks of the load balancer's, MySQL's and Redis's subnets, for the overlay's NetworkPolicies and TICKETING_RATELIMITS_TRUSTEDPROXIES"
  value       = module.network.network_policy_cidrs
}
