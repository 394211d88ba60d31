variable "repository_names" {
  description = "ECR repositories to create, e.g. `[\"ticketing\", \"ticketing-loadtest\"]`"
  type        = set(string)
}

variable "push_principal_arns" {
  description = "IAM principals (e.g. the CI role) allowed to push images; pulling is open to the account, which covers the EKS nodes"
  type        = list(string)
  default     = []
}

variable "pull_principal_arns" {
  description = "Principals of other accounts allowed to pull (e.g. another account's root); this account's need no grant here"
  type        = list(string)
  default     = []
}

variable "keep_images" {
  description = "Number of most recent images kept per repository; older ones expire"
  type        = number
  default     = 50
}

variable "keep_releases" {
  description = "Number of most recent release images (tags starting with v) kept per repository, apart from keep_images"
  type        = number
  default     = 100
}

variable "force_delete" {
  description = "Allow `terraform destroy` to delete repositories that still hold images"
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags added to every resource"
  type        = map(string)
  default     = {}
}
