variable "cluster_name" {
  description = "Name of the EKS cluster, e.g. `ticketing-prod`"
  type        = string
}

variable "kubernetes_version" {
  description = "Kubernetes minor version of the control plane and the managed node groups. 1.35: on EKS since January 2026, in standard support until March 2027, while 1.34 leaves it in December 2026 (extended support costs extra per cluster hour); AL2023 nodes and the pinned add-ons support it, and the EKS module and AWS provider pass the version through. Upgrade one minor version at a time before the end of standard support"
  type        = string
  default     = "1.35"
}

variable "ebs_csi_driver_version" {
  description = "Version of the aws-ebs-csi-driver EKS add-on, pinned (it must support kubernetes_version; list them with `aws eks describe-addon-versions --addon-name aws-ebs-csi-driver --kubernetes-version <version>`)"
  type        = string
  default     = "v1.56.0-eksbuild.1"

  validation {
    condition     = can(regex("^v[0-9]+[.][0-9]+[.][0-9]+-eksbuild[.][0-9]+$", var.ebs_csi_driver_version))
    error_message = "ebs_csi_driver_version must be an EKS add-on version such as v1.56.0-eksbuild.1."
  }
}

variable "vpc_id" {
  description = "ID of the VPC the cluster runs in"
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets for the control plane's network interfaces and the worker nodes"
  type        = list(string)
}

variable "load_balancer_cidrs" {
  description = "Subnets the load balancer connects to the service's pods from (the public subnets): the only sources the pods' security group admits on 8080"
  type        = list(string)

  validation {
    condition     = !contains(var.load_balancer_cidrs, "0.0.0.0/0")
    error_message = "The service's pods admit the load balancer's subnets only, never 0.0.0.0/0."
  }
}

variable "api_allowed_cidrs" {
  description = "CIDR blocks allowed to reach the public Kubernetes API endpoint (office or VPN egress). Empty: the endpoint is private, reachable only from inside the VPC"
  type        = list(string)
  default     = []

  validation {
    condition     = !contains(var.api_allowed_cidrs, "0.0.0.0/0") && !contains(var.api_allowed_cidrs, "::/0")
    error_message = "The Kubernetes API must not be open to the whole internet; list specific CIDR blocks."
  }
}

variable "node_instance_types" {
  description = "EC2 instance types of the managed node group, in order of preference"
  type        = list(string)
  default     = ["m7i.large"]
}

variable "node_capacity_type" {
  description = "`ON_DEMAND` or `SPOT` capacity for the managed node group"
  type        = string
  default     = "ON_DEMAND"

  validation {
    condition     = contains(["ON_DEMAND", "SPOT"], var.node_capacity_type)
    error_message = "node_capacity_type must be ON_DEMAND or SPOT."
  }
}

variable "node_min_size" {
  description = "Minimum number of worker nodes (the cluster autoscaler never goes below it)"
  type        = number
  default     = 3
}

variable "node_max_size" {
  description = "Maximum number of worker nodes (the cluster autoscaler never goes above it)"
  type        = number
  default     = 6
}

variable "node_desired_size" {
  description = "Number of worker nodes at creation; afterwards the cluster autoscaler owns it"
  type        = number
  default     = 3
}

variable "control_plane_log_retention_days" {
  description = "Days to keep the control plane's API, audit and authenticator logs"
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags added to every resource"
  type        = map(string)
  default     = {}
}
