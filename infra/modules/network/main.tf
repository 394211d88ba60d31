# A VPC over two or three zones: public subnets hold only the NAT gateways and public load
# balancers; the EKS nodes, the database and the cache live in private subnets.

locals {
  # /16 -> three /20 private subnets (nodes and pods, VPC CNI takes many addresses) and
  # /24 public, database and cache subnets in the fourth /20.
  private_subnets     = [for i, _ in var.azs : cidrsubnet(var.cidr, 4, i)]
  public_subnets      = [for i, _ in var.azs : cidrsubnet(var.cidr, 8, 48 + i)]
  database_subnets    = [for i, _ in var.azs : cidrsubnet(var.cidr, 8, 52 + i)]
  elasticache_subnets = [for i, _ in var.azs : cidrsubnet(var.cidr, 8, 56 + i)]
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.21.0"

  name = var.name
  cidr = var.cidr
  azs  = var.azs

  private_subnets     = local.private_subnets
  public_subnets      = local.public_subnets
  database_subnets    = local.database_subnets
  elasticache_subnets = local.elasticache_subnets

  create_database_subnet_group       = true
  create_database_subnet_route_table = true
  create_elasticache_subnet_group    = true

  enable_nat_gateway     = true
  single_nat_gateway     = var.single_nat_gateway
  one_nat_gateway_per_az = !var.single_nat_gateway

  enable_dns_hostnames = true
  enable_dns_support   = true

  # The default security group allows nothing, so nothing can fall back on it.
  manage_default_security_group  = true
  default_security_group_ingress = []
  default_security_group_egress  = []

  enable_flow_log                                 = var.enable_flow_log
  create_flow_log_cloudwatch_log_group            = var.enable_flow_log
  create_flow_log_cloudwatch_iam_role             = var.enable_flow_log
  flow_log_max_aggregation_interval               = 60
  flow_log_cloudwatch_log_group_retention_in_days = var.flow_log_retention_days

  # Let the AWS Load Balancer Controller find the subnets for public and internal balancers.
  public_subnet_tags = {
    "kubernetes.io/role/elb"                    = "1"
    "kubernetes.io/cluster/${var.cluster_name}" = "shared"
  }
  private_subnet_tags = {
    "kubernetes.io/role/internal-elb"           = "1"
    "kubernetes.io/cluster/${var.cluster_name}" = "shared"
  }

  tags = var.tags
}
