# ElastiCache for Redis OSS in cluster mode, with TLS in transit, encryption at rest and an AUTH
# token, replicated across zones: the old system ran one Redis pod. Reachable only from the EKS
# nodes on 6379. The token lives in AWS Secrets Manager.

resource "random_password" "auth" {
  # ElastiCache AUTH tokens: 16-128 printable characters; letters and digits avoid the forbidden ones.
  length  = 64
  special = false
}

module "redis" {
  source  = "terraform-aws-modules/elasticache/aws"
  version = "1.6.1"

  replication_group_id = var.name
  description          = "Ticketing waiting room, holds and admission counters"

  engine         = "redis"
  engine_version = var.engine_version
  node_type      = var.node_type
  port           = 6379

  cluster_mode_enabled       = true
  cluster_mode               = "enabled"
  num_node_groups            = var.shards
  replicas_per_node_group    = var.replicas_per_shard
  automatic_failover_enabled = true
  multi_az_enabled           = true

  transit_encryption_enabled = true
  transit_encryption_mode    = "required"
  at_rest_encryption_enabled = true
  auth_token                 = random_password.auth.result
  auth_token_update_strategy = "ROTATE"

  maintenance_window       = "mon:04:30-mon:05:30"
  snapshot_window          = "03:00-04:00"
  snapshot_retention_limit = var.snapshot_retention_days
  apply_immediately        = false

  create_parameter_group = true
  parameter_group_family = "redis7"
  parameters = [
    # Holds and queue entries must never be evicted silently: fail writes when memory runs out.
    { name = "maxmemory-policy", value = "noeviction" },
  ]

  create_subnet_group = false
  subnet_group_name   = var.subnet_group_name

  vpc_id                     = var.vpc_id
  security_group_description = "Redis: only from the ticketing service's pods"
  security_group_rules = {
    ingress_clients = {
      description                  = "Redis from the ticketing service's pods"
      referenced_security_group_id = var.client_security_group_id
      # from_port/to_port default to the engine port, 6379
    }
  }

  tags = var.tags
}

# The clients' group allows no egress by itself (modules/eks): this is their way to the cache.
resource "aws_vpc_security_group_egress_rule" "clients_to_redis" {
  security_group_id            = var.client_security_group_id
  description                  = "Redis to ${var.name}"
  referenced_security_group_id = module.redis.security_group_id
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
}

resource "aws_secretsmanager_secret" "redis" {
  name                    = var.secret_name
  description             = "Redis AUTH token of ${var.name} (read by the External Secrets Operator)"
  recovery_window_in_days = var.secret_recovery_window_days
  tags                    = var.tags
}

resource "aws_secretsmanager_secret_version" "redis" {
  secret_id = aws_secretsmanager_secret.redis.id
  secret_string = jsonencode({
    auth_token             = random_password.auth.result
    configuration_endpoint = module.redis.replication_group_configuration_endpoint_address
    port                   = 6379
  })
}
