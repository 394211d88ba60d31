variable "name" {
  description = "Prefix of the IAM role, e.g. `ticketing-prod`"
  type        = string
}

variable "secret_name" {
  description = "Name of the Secrets Manager secret for the service's own secrets, e.g. `ticketing/prod/app`"
  type        = string
}

variable "readable_secret_arns" {
  description = "Further secrets the External Secrets Operator may read for the service: its own MySQL users' and Redis's credentials, never the RDS master user's (that is db_users_secret_arns)"
  type        = list(string)
}

variable "db_users_secret_arns" {
  description = "Secrets the users' bootstrap Job reads (deploy/components/db-users), through a role of its own: the RDS master user's and the two users' it creates"
  type        = list(string)
}

variable "db_users_service_account" {
  description = "Service account of the bootstrap Job's SecretStore (deploy/components/db-users/secret-store.yaml)"
  type        = string
  default     = "ticketing-db-users-reader"
}

variable "oidc_provider_arn" {
  description = "ARN of the EKS cluster's OIDC provider"
  type        = string
}

variable "oidc_provider" {
  description = "Issuer URL of the EKS cluster's OIDC provider without `https://`"
  type        = string
}

variable "namespace" {
  description = "Kubernetes namespace of the service (and of its SecretStore)"
  type        = string
  default     = "ticketing"
}

variable "service_account" {
  description = "Service account the SecretStore authenticates as (deploy/overlays/prod/secret-store.yaml)"
  type        = string
  default     = "ticketing-secrets-reader"
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
