variable "region" {
  description = "AWS region to deploy into"
  type        = string
  default     = "eu-west-1"
}

variable "vpc_cidr" {
  description = "IPv4 CIDR block of the VPC"
  type        = string
  default     = "10.10.0.0/16"
}

variable "api_allowed_cidrs" {
  description = "CIDR blocks allowed to reach the Kubernetes API from outside the VPC (office, VPN); empty keeps the endpoint private"
  type        = list(string)
  default     = []
}

variable "kubernetes_version" {
  description = "Kubernetes minor version of the EKS cluster; 1.35 is in EKS standard support until March 2027 (see modules/eks)"
  type        = string
  default     = "1.35"
}

variable "node_instance_types" {
  description = "EC2 instance types of the worker nodes (several, so that Spot capacity is found)"
  type        = list(string)
  default     = ["t3.large", "t3a.large", "m7i.large"]
}

variable "node_capacity_type" {
  description = "`SPOT` (cheap, may be interrupted) or `ON_DEMAND` worker nodes"
  type        = string
  default     = "SPOT"
}

variable "managed_datastores" {
  description = "Create RDS, ElastiCache and the Secrets Manager secrets too, to rehearse the prod setup. Off: overlays/dev brings in-cluster MySQL and Redis. On: they admit only the service's pods' security group, which a SecurityGroupPolicy gives the pods on node types with trunk interfaces (not the t family)"
  type        = bool
  default     = false

  validation {
    condition     = !var.managed_datastores || alltrue([for type in var.node_instance_types : !startswith(type, "t")])
    error_message = "managed_datastores needs node types that support security groups for pods (the t family does not): set node_instance_types, e.g. [\"m7i.large\"]."
  }
}

variable "db_instance_class" {
  description = "RDS instance class, when managed_datastores is on"
  type        = string
  default     = "db.t4g.medium"
}

variable "redis_node_type" {
  description = "ElastiCache node type, when managed_datastores is on"
  type        = string
  default     = "cache.t4g.small"
}

variable "ci_push_role_arns" {
  description = "IAM roles (e.g. GitHub Actions OIDC role) allowed to push images to ECR"
  type        = list(string)
  default     = []
}
