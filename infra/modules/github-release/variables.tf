variable "github_repository" {
  description = "The GitHub repository whose workflows may assume the role, as owner/name (e.g. `ticketing/ticketing`)"
  type        = string

  validation {
    # A pattern here would let other repositories' workflows push images.
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository must be one repository, owner/name, with no wildcard."
  }
}

variable "refs" {
  description = "Git refs whose workflow runs may assume the role"
  type        = list(string)
  default     = ["refs/heads/main", "refs/tags/v*"]
}

variable "repository_arns" {
  description = "ECR repositories the role may push to"
  type        = list(string)
}

variable "role_name" {
  description = "Name of the IAM role (the workflow's vars.AWS_RELEASE_ROLE_ARN)"
  type        = string
  default     = "github-release"
}

variable "create_oidc_provider" {
  description = "Create the account's OIDC provider for token.actions.githubusercontent.com; false uses the existing one"
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags added to every resource"
  type        = map(string)
  default     = {}
}
