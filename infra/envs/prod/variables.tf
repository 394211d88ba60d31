variable "region" {
  description = "AWS region to deploy into"
  type        = string
  default     = "eu-west-1"
}

variable "vpc_cidr" {
  description = "IPv4 CIDR block of the VPC"
  type        = string
  default     = "10.20.0.0/16"
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
  description = "EC2 instance types of the worker nodes"
  type        = list(string)
  default     = ["m7i.large"]
}

variable "node_min_size" {
  description = "Minimum number of worker nodes (one per zone at least)"
  type        = number
  default     = 3
}

variable "node_max_size" {
  description = "Maximum number of worker nodes"
  type        = number
  default     = 9
}

variable "db_instance_class" {
  description = "RDS instance class of the MySQL database"
  type        = string
  default     = "db.r7g.large"
}

variable "redis_node_type" {
  description = "ElastiCache node type"
  type        = string
  default     = "cache.r7g.large"
}

variable "redis_shards" {
  description = "Number of Redis shards (cluster mode)"
  type        = number
  default     = 2
}

variable "ci_push_role_arns" {
  description = "IAM roles allowed to push images to ECR besides the release workflow's own (module github_release)"
  type        = list(string)
  default     = []
}

variable "github_repository" {
  description = "GitHub repository (owner/name) whose release workflow, on main or a v* tag, may push images"
  type        = string
  default     = "ticketing/ticketing"
}

variable "create_github_oidc_provider" {
  description = "Create the account's OIDC provider for GitHub Actions; false when the account already has one"
  type        = bool
  default     = true
}

variable "image_pull_principal_arns" {
  description = "Principals of other accounts allowed to pull the images, e.g. the dev account's root (`arn:aws:iam::<dev account>:root`) when dev runs elsewhere"
  type        = list(string)
  default     = []
}
