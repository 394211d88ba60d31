# RDS for MySQL 8.4 in the private database subnets, reachable on 3306 only from the service's
# pods (their own security group, modules/eks; not the nodes', which every other pod shares).
# Three users, each with a password generated here and kept in its own AWS Secrets Manager secret,
# where the External Secrets Operator reads it; no password is ever written to the repository:
#   master     RDS's master user; only deploy/components/db-users logs in with it, to create the others
#   app        the service (DB_USER): SELECT, INSERT, UPDATE, DELETE on db_name and nothing else
#   migration  Flyway (SPRING_FLYWAY_USER): every privilege on db_name, none beyond it

locals {
  users = {
    master    = { username = var.username, secret_name = var.secret_name, role = "master user (creates the service's users)" }
    app       = { username = var.app_username, secret_name = var.app_secret_name, role = "service user (reads and writes rows)" }
    migration = { username = var.migration_username, secret_name = var.migration_secret_name, role = "migration user (Flyway)" }
  }
}

resource "random_password" "user" {
  for_each = local.users

  length  = 32
  special = false
}

moved {
  from = random_password.db
  to   = random_password.user["master"]
}

resource "aws_security_group" "db" {
  name_prefix = "${var.identifier}-mysql-"
  description = "MySQL: only from the ticketing service's pods"
  vpc_id      = var.vpc_id

  # No egress rules: the database never opens connections (Terraform drops AWS's default rule).
  tags = merge(var.tags, { Name = "${var.identifier}-mysql" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "from_clients" {
  security_group_id            = aws_security_group.db.id
  description                  = "MySQL from the ticketing service's pods"
  referenced_security_group_id = var.client_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = 3306
  to_port                      = 3306
}

moved {
  from = aws_vpc_security_group_ingress_rule.from_nodes
  to   = aws_vpc_security_group_ingress_rule.from_clients
}

# The clients' group allows no egress by itself (modules/eks): this is their way to the database.
resource "aws_vpc_security_group_egress_rule" "clients_to_db" {
  security_group_id            = var.client_security_group_id
  description                  = "MySQL to ${var.identifier}"
  referenced_security_group_id = aws_security_group.db.id
  ip_protocol                  = "tcp"
  from_port                    = 3306
  to_port                      = 3306
}

module "db" {
  source  = "terraform-aws-modules/rds/aws"
  version = "6.12.0"

  identifier = var.identifier

  engine               = "mysql"
  engine_version       = var.engine_version
  family               = "mysql8.4"
  major_engine_version = "8.4"
  instance_class       = var.instance_class

  allocated_storage     = var.allocated_storage
  max_allocated_storage = var.max_allocated_storage
  storage_type          = "gp3"
  storage_encrypted     = true

  db_name  = var.db_name
  username = var.username
  port     = 3306
  # The module would otherwise let RDS manage (and rotate) the password in a secret of its own;
  # the service reads a password that only changes when this module changes it.
  manage_master_user_password = false
  password                    = random_password.user["master"].result

  multi_az               = var.multi_az
  create_db_subnet_group = false
  db_subnet_group_name   = var.db_subnet_group_name
  vpc_security_group_ids = [aws_security_group.db.id]
  publicly_accessible    = false
  # The service verifies the server's certificate (DB_SSL_MODE=VERIFY_IDENTITY) against AWS's RDS
  # CA bundle, which holds this CA; named here so that a change of AWS's default changes nothing.
  ca_cert_identifier = "rds-ca-rsa2048-g1"

  backup_retention_period = var.backup_retention_days
  backup_window           = "02:00-03:00"
  maintenance_window      = "Mon:03:30-Mon:04:30"
  deletion_protection     = var.deletion_protection
  skip_final_snapshot     = !var.deletion_protection
  copy_tags_to_snapshot   = true

  auto_minor_version_upgrade   = true
  performance_insights_enabled = var.performance_insights_enabled

  enabled_cloudwatch_logs_exports = ["error", "slowquery"]
  create_db_option_group          = false

  parameters = [
    # The service verifies the server (DB_SSL_MODE=VERIFY_IDENTITY); the server refuses plain connections too.
    { name = "require_secure_transport", value = "1" },
    { name = "slow_query_log", value = "1" },
    { name = "long_query_time", value = "0.5" },
  ]

  tags = var.tags
}

resource "aws_secretsmanager_secret" "user" {
  for_each = local.users

  name                    = each.value.secret_name
  description             = "MySQL ${each.value.role} of ${var.identifier} (read by the External Secrets Operator)"
  recovery_window_in_days = var.secret_recovery_window_days
  tags                    = var.tags
}

resource "aws_secretsmanager_secret_version" "user" {
  for_each = local.users

  secret_id = aws_secretsmanager_secret.user[each.key].id
  secret_string = jsonencode({
    username = each.value.username
    password = random_password.user[each.key].result
    host     = module.db.db_instance_address
    port     = 3306
    dbname   = var.db_name
  })
}

moved {
  from = aws_secretsmanager_secret.db
  to   = aws_secretsmanager_secret.user["master"]
}

moved {
  from = aws_secretsmanager_secret_version.db
  to   = aws_secretsmanager_secret_version.user["master"]
}
