# Development: two zones, a single NAT gateway, Spot worker nodes. By default the dev overlay's
# in-cluster MySQL and Redis are used; `managed_datastores = true` adds single-AZ RDS and a
# one-shard ElastiCache cluster to rehearse production's setup.

provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}

data "aws_availability_zones" "available" {
  state = "available"

  filter {
    name   = "opt-in-status"
    values = ["opt-in-not-required"]
  }
}

locals {
  name          = "ticketing-dev"
  secret_prefix = "ticketing/dev"
  namespace     = "ticketing-dev"
  azs           = slice(data.aws_availability_zones.available.names, 0, 2)

  tags = {
    Project     = "ticketing"
    Environment = "dev"
    ManagedBy   = "terraform"
  }
}

module "network" {
  source = "../../modules/network"

  name                    = local.name
  cidr                    = var.vpc_cidr
  azs                     = local.azs
  cluster_name            = local.name
  single_nat_gateway      = true
  enable_flow_log         = true
  flow_log_retention_days = 7
  tags                    = local.tags
}

module "eks" {
  source = "../../modules/eks"

  cluster_name       = local.name
  kubernetes_version = var.kubernetes_version
  vpc_id             = module.network.vpc_id
  private_subnet_ids = module.network.private_subnet_ids
  api_allowed_cidrs  = var.api_allowed_cidrs
  # Where the ALB connects to the service's pods from (TICKETING_RATELIMITS_TRUSTEDPROXIES).
  load_balancer_cidrs = module.network.network_policy_cidrs.load_balancer

  node_instance_types = var.node_instance_types
  node_capacity_type  = var.node_capacity_type
  node_min_size       = 2
  node_desired_size   = 2
  node_max_size       = 4

  control_plane_log_retention_days = 7
  tags                             = local.tags
}

module "registry" {
  source = "../../modules/registry"

  repository_names    = ["ticketing", "ticketing-loadtest"]
  push_principal_arns = var.ci_push_role_arns
  keep_images         = 20
  force_delete        = true
  tags                = local.tags
}

module "mysql" {
  source = "../../modules/mysql"
  count  = var.managed_datastores ? 1 : 0

  identifier               = local.name
  vpc_id                   = module.network.vpc_id
  db_subnet_group_name     = module.network.database_subnet_group_name
  client_security_group_id = module.eks.app_security_group_id

  instance_class               = var.db_instance_class
  multi_az                     = false
  allocated_storage            = 20
  max_allocated_storage        = 50
  backup_retention_days        = 1
  deletion_protection          = false
  performance_insights_enabled = false

  secret_name                 = "${local.secret_prefix}/db"
  app_secret_name             = "${local.secret_prefix}/db-app"
  migration_secret_name       = "${local.secret_prefix}/db-migration"
  secret_recovery_window_days = 0
  tags                        = local.tags
}

module "redis" {
  source = "../../modules/redis"
  count  = var.managed_datastores ? 1 : 0

  name                     = local.name
  vpc_id                   = module.network.vpc_id
  subnet_group_name        = module.network.elasticache_subnet_group_name
  client_security_group_id = module.eks.app_security_group_id

  node_type               = var.redis_node_type
  shards                  = 1
  replicas_per_shard      = 1
  snapshot_retention_days = 0

  secret_name                 = "${local.secret_prefix}/redis"
  secret_recovery_window_days = 0
  tags                        = local.tags
}

module "app_secrets" {
  source = "../../modules/app-secrets"
  count  = var.managed_datastores ? 1 : 0

  name        = local.name
  secret_name = "${local.secret_prefix}/app"
  # The service's own MySQL users and Redis; the master user's secret only through the
  # bootstrap Job's role.
  readable_secret_arns        = [module.mysql[0].app_secret_arn, module.mysql[0].migration_secret_arn, module.redis[0].secret_arn]
  db_users_secret_arns        = [module.mysql[0].secret_arn, module.mysql[0].app_secret_arn, module.mysql[0].migration_secret_arn]
  oidc_provider_arn           = module.eks.oidc_provider_arn
  oidc_provider               = module.eks.oidc_provider
  namespace                   = local.namespace
  secret_recovery_window_days = 0
  tags                        = local.tags
}
