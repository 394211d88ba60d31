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

output "public_subnet_cidrs" {
  description = "CIDR blocks of the public subnets, where load balancers connect to the pods from (NetworkPolicy ipBlocks, trusted proxies)"
  value       = module.vpc.public_subnets_cidr_blocks
}

output "database_subnet_cidrs" {
  description = "CIDR blocks of the database subnets, where RDS lives (NetworkPolicy egress to MySQL)"
  value       = module.vpc.database_subnets_cidr_blocks
}

output "elasticache_subnet_cidrs" {
  description = "CIDR blocks of the cache subnets, where ElastiCache lives (NetworkPolicy egress to Redis)"
  value       = module.vpc.elasticache_subnets_cidr_blocks
}
