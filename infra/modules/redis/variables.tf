variable "name" {
  description = "Replication group ID and prefix of its resources, e.g. `ticketing-prod`"
  type        = string
}

variable "vpc_id" {
  description = "ID of the VPC the cache runs in"
  type        = string
}

variable "subnet_group_name" {
  description = "ElastiCache subnet group over the private cache subnets (from the network module)"
  type        = string
}

variable "client_security_group_id" {
  description = "The only security group allowed to connect on 6379: the service's pods' (modules/eks app_security_group_id), never the node security group every pod shares"
  type        = string
}

variable "engine_version" {
  description = "Redis OSS engine version"
  type        = string
  default     = "7.1"
}

variable "node_type" {
  description = "Cache node type, e.g. `cache.t4g.small` for dev, `cache.r7g.large` for prod"
  type        = string
}

variable "shards" {
  description = "Number of shards (node groups) in cluster mode; the service's keys are hash-tagged per event, so events spread over them"
  type        = number
  default     = 2
}

variable "replicas_per_shard" {
  description = "Replicas per shard, each in another availability zone (1 or more for automatic failover)"
  type        = number
  default     = 1

  validation {
    condition     = var.replicas_per_shard >= 1 && var.replicas_per_shard <= 5
    error_message = "Use 1 to 5 replicas per shard: failover needs a replica."
  }
}

variable "snapshot_retention_days" {
  description = "Days to keep daily snapshots (0 turns them off)"
  type        = number
  default     = 1
}

variable "secret_name" {
  description = "Name of the Secrets Manager secret that holds the AUTH token, e.g. `ticketing/prod/redis`"
  type        = string
}

variable "secret_recovery_window_days" {
  description = "Days a deleted secret can still be restored (0 deletes at once)"
  type        = number
  default     = 7
}

variable "tags" {
  description = "Tags added to every resource"
  type        = map(string)
  default     = {}
}
