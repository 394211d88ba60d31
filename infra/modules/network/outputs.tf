output "vpc_id" {
  description = "ID of the VPC"
  value       = module.vpc.vpc_id
}

output "vpc_cidr_block" {
  description = "IPv4 CIDR block of the VPC"
  value       = module.vpc.vpc_cidr_block
}

output "azs" {
  description = "Availability zones the subnets are in"
  value       = module.vpc.azs
}

output "private_subnet_ids" {
  description = "IDs of the private subnets (EKS nodes and pods)"
  value       = module.vpc.private_subnets
}

output "public_subnet_ids" {
  description = "IDs of the public subnets (NAT gateways, public load balancers)"
  value       = module.vpc.public_subnets
}

output "database_subnet_group_name" {
  description = "Name of the RDS subnet group over the database subnets"
  value       = module.vpc.database_subnet_group_name
}

output "elasticache_subnet_group_name" {
  description = "Name of the ElastiCache subnet group over the cache subnets"
  value       = module.vpc.elasticache_subnet_group_name
}

output "nat_public_ips" {
  description = "Public IPs of the NAT gateways (the addresses the cluster's outbound traffic comes from)"
  value       = module.vpc.nat_public_ips
}

output "network_policy_cidrs" {
  description = "CIDR blocks that Kubernetes NetworkPolicies and TICKETING_RATELIMITS_TRUSTEDPROXIES name: the public subnets, where load balancers connect to the pods from, and the subnets of the database and the cache"
  value = {
    load_balancer = module.vpc.public_subnets_cidr_blocks
    mysql         = module.vpc.database_subnets_cidr_blocks
    redis         = module.vpc.elasticache_subnets_cidr_blocks
  }
}
