variable "name" {
  description = "Name of the VPC and prefix of its resources, e.g. `ticketing-prod`"
  type        = string
}

variable "cidr" {
  description = "IPv4 CIDR block of the VPC; a /16 leaves room for /20 private subnets per zone"
  type        = string
  default     = "10.0.0.0/16"
}

variable "azs" {
  description = "Availability zones to spread the subnets over (two at least, three for production)"
  type        = list(string)

  validation {
    condition     = length(var.azs) >= 2
    error_message = "RDS Multi-AZ and ElastiCache need subnets in at least two availability zones."
  }
}

variable "single_nat_gateway" {
  description = "One NAT gateway for the whole VPC (cheaper, one zone's outage cuts egress) instead of one per zone"
  type        = bool
  default     = false
}

variable "enable_flow_log" {
  description = "Send VPC flow logs to CloudWatch Logs"
  type        = bool
  default     = true
}

variable "flow_log_retention_days" {
  description = "Days to keep VPC flow logs in CloudWatch Logs"
  type        = number
  default     = 30
}

variable "cluster_name" {
  description = "Name of the EKS cluster that will use this VPC; tags the subnets for its load balancers"
  type        = string
}

variable "tags" {
  description = "Tags added to every resource"
  type        = map(string)
  default     = {}
}
