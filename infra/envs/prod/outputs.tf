# Every output deploy/overlays/prod needs, under the name its comments use.

output "region" {
  description = "AWS region (SecretStore spec.provider.aws.region)"
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
  description = "ECR repository of the service image (GitHub Actions variable ECR_REPOSITORY_URL; images[].newName in the dev and prod overlays)"
  value       = module.registry.repository_urls["ticketing"]
}

output "release_role_arn" {
  description = "IAM role of .github/workflows/release.yml (GitHub Actions variable AWS_RELEASE_ROLE_ARN)"
  value       = module.github_release.role_arn
}

output "db_endpoint" {
  description = "MySQL host name (DB_HOST)"
  value       = module.mysql.endpoint
}

output "db_username" {
  description = "MySQL master user, used only by the users' bootstrap Job (deploy/components/db-users)"
  value       = module.mysql.username
}

output "db_app_username" {
  description = "MySQL user of the service (DB_USER)"
  value       = module.mysql.app_username
}

output "db_migration_username" {
  description = "MySQL user of the Flyway migrations (SPRING_FLYWAY_USER, from the ExternalSecret)"
  value       = module.mysql.migration_username
}

output "db_secret_arn" {
  description = "Secrets Manager secret with the MySQL master credentials (ExternalSecret key ticketing/prod/db, bootstrap Job only)"
  value       = module.mysql.secret_arn
}

output "db_app_secret_arn" {
  description = "Secrets Manager secret with the service user's credentials (ExternalSecret key ticketing/prod/db-app)"
  value       = module.mysql.app_secret_arn
}

output "db_migration_secret_arn" {
  description = "Secrets Manager secret with the migration user's credentials (ExternalSecret key ticketing/prod/db-migration)"
  value       = module.mysql.migration_secret_arn
}

output "redis_configuration_endpoint" {
  description = "Redis cluster configuration endpoint (REDIS_HOST, SPRING_DATA_REDIS_CLUSTER_NODES=<this>:6379)"
  value       = module.redis.configuration_endpoint
}

output "redis_secret_arn" {
  description = "Secrets Manager secret with the Redis AUTH token (ExternalSecret key ticketing/prod/redis)"
  value       = module.redis.secret_arn
}

output "app_secret_arn" {
  description = "Secrets Manager secret with the JWT key and admin password (ExternalSecret key ticketing/prod/app)"
  value       = module.app_secrets.secret_arn
}

output "external_secrets_role_arn" {
  description = "IAM role of the SecretStore's service account (eks.amazonaws.com/role-arn annotation)"
  value       = module.app_secrets.external_secrets_role_arn
}

output "db_users_role_arn" {
  description = "IAM role of the users' bootstrap Job's SecretStore (deploy/components/db-users/secret-store.yaml)"
  value       = module.app_secrets.db_users_role_arn
}

output "app_security_group_id" {
  description = "Security group of the service's pods, the only one RDS and ElastiCache admit (deploy/overlays/prod/security-group-policy.yaml)"
  value       = module.eks.app_security_group_id
}

output "network_policy_cidrs" {
  description = "CIDR blocks of the load balancer's, MySQL's and Redis's subnets, for the overlay's NetworkPolicies and TICKETING_RATELIMITS_TRUSTEDPROXIES"
  value       = module.network.network_policy_cidrs
}
