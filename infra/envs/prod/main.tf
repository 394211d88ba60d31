# Production: three zones, one NAT gateway per zone, Multi-AZ RDS, a sharded and replicated
# ElastiCache cluster, deletion protection on. deploy/overlays/prod consumes the outputs.

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
  name          = "ticketing-prod"
  secret_prefix = "ticketing/prod"
  namespace     = "ticketing"
  azs           = slice(data.aws_availability_zones.available.names, 0, 3)

  tags = {
    Project     = "ticketing"
    Environment = "prod"
    ManagedBy   = "terraform"
  }
}

module "network" {
  source = "../../modules/network"

  name               = local.name
  cidr               = var.vpc_cidr
  azs                = local.azs
  cluster_name       = local.name
  single_nat_gateway = false
  enable_flow_log    = true
  tags               = local.tags
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
  node_capacity_type  = "ON_DEMAND"
  node_min_size       = var.node_min_size
  node_desired_size   = var.node_min_size
  node_max_size       = var.node_max_size

  control_plane_log_retention_days = 90
  tags                             = local.tags
}

module "mysql" {
  source = "../../modules/mysql"

  identifier               = local.name
  vpc_id                   = module.network.vpc_id
  db_subnet_group_name     = module.network.database_subnet_group_name
  client_security_group_id = module.eks.app_security_group_id

  instance_class        = var.db_instance_class
  multi_az              = true
  allocated_storage     = 100
  max_allocated_storage = 500
  backup_retention_days = 14
  deletion_protection   = true

  secret_name           = "${local.secret_prefix}/db"
  app_secret_name       = "${local.secret_prefix}/db-app"
  migration_secret_name = "${local.secret_prefix}/db-migration"
  tags                  = local.tags
}

module "redis" {
  source = "../../modules/redis"

  name                     = local.name
  vpc_id                   = module.network.vpc_id
  subnet_group_name        = module.network.elasticache_subnet_group_name
  client_security_group_id = module.eks.app_security_group_id

  node_type               = var.redis_node_type
  shards                  = var.redis_shards
  replicas_per_shard      = 1
  snapshot_retention_days = 3

  secret_name = "${local.secret_prefix}/redis"
  tags        = local.tags
}

# The release registry: .github/workflows/release.yml builds each commit of main once and pushes
# it here; dev and prod both run that image, by digest (deploy/overlays/*/kustomization.yaml).
module "registry" {
  source = "../../modules/registry"

  repository_names    = ["ticketing"]
  push_principal_arns = concat([module.github_release.role_arn], var.ci_push_role_arns)
  pull_principal_arns = var.image_pull_principal_arns
  tags                = local.tags
}

# The role the release workflow assumes by OIDC, from main or a v* tag of this repository only.
module "github_release" {
  source = "../../modules/github-release"

  github_repository    = var.github_repository
  repository_arns      = [module.registry.repository_arns["ticketing"]]
  create_oidc_provider = var.create_github_oidc_provider
  tags                 = local.tags
}

module "app_secrets" {
  source = "../../modules/app-secrets"

  name        = local.name
  secret_name = "${local.secret_prefix}/app"
  # The service's own MySQL users and Redis; the master user's secret only through the
  # bootstrap Job's role.
  readable_secret_arns = [module.mysql.app_secret_arn, module.mysql.migration_secret_arn, module.redis.secret_arn]
  db_users_secret_arns = [module.mysql.secret_arn, module.mysql.app_secret_arn, module.mysql.migration_secret_arn]
  oidc_provider_arn    = module.eks.oidc_provider_arn
  oidc_provider        = module.eks.oidc_provider
  namespace            = local.namespace
  service_account      = "ticketing-secrets-reader"
  tags                 = local.tags
}
