variable "identifier" {
  description = "Name of the RDS instance and prefix of its security group, e.g. `ticketing-prod`"
  type        = string
}

variable "vpc_id" {
  description = "ID of the VPC the database runs in"
  type        = string
}

variable "db_subnet_group_name" {
  description = "RDS subnet group over the private database subnets (from the network module)"
  type        = string
}

variable "client_security_group_id" {
  description = "The only security group allowed to connect on 3306: the service's pods' (modules/eks app_security_group_id), never the node security group every pod shares"
  type        = string
}

variable "engine_version" {
  description = "MySQL engine version; a major.minor prefix such as `8.4` takes AWS's current patch release"
  type        = string
  default     = "8.4"
}

variable "instance_class" {
  description = "RDS instance class, e.g. `db.t4g.medium` for dev, `db.r7g.large` for prod"
  type        = string
}

variable "multi_az" {
  description = "Keep a synchronous standby in a second availability zone (automatic failover)"
  type        = bool
}

variable "allocated_storage" {
  description = "Initial gp3 storage in GiB"
  type        = number
  default     = 50
}

variable "max_allocated_storage" {
  description = "Upper limit in GiB for storage autoscaling (0 disables it)"
  type        = number
  default     = 200
}

variable "db_name" {
  description = "Database the service uses (DB_NAME)"
  type        = string
  default     = "ticketing"
}

variable "username" {
  description = "RDS master user; only the users' bootstrap Job (deploy/components/db-users) logs in with it, never the service"
  type        = string
  default     = "ticketing"
}

variable "app_username" {
  description = "User the service logs in as (DB_USER), granted SELECT, INSERT, UPDATE and DELETE on db_name only"
  type        = string
  default     = "ticketing_app"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,31}$", var.app_username)) && var.app_username != var.username
    error_message = "app_username must be a lower-case MySQL user name of up to 32 characters, other than the master user."
  }
}

variable "migration_username" {
  description = "User Flyway migrates the schema as (SPRING_FLYWAY_USER), granted every privilege on db_name and none beyond it"
  type        = string
  default     = "ticketing_migrator"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,31}$", var.migration_username)) && !contains([var.username, var.app_username], var.migration_username)
    error_message = "migration_username must be a lower-case MySQL user name of up to 32 characters, other than the master and the service user."
  }
}

variable "backup_retention_days" {
  description = "Days of automated backups and point-in-time recovery"
  type        = number
  default     = 7
}

variable "deletion_protection" {
  description = "Refuse to delete the instance (and take a final snapshot when it is deleted after all)"
  type        = bool
  default     = true
}

variable "performance_insights_enabled" {
  description = "Turn on Performance Insights (7 days of retention are free)"
  type        = bool
  default     = true
}

variable "secret_name" {
  description = "Name of the Secrets Manager secret that holds the master user's credentials, e.g. `ticketing/prod/db`"
  type        = string
}

variable "app_secret_name" {
  description = "Name of the Secrets Manager secret that holds the service user's credentials, e.g. `ticketing/prod/db-app`"
  type        = string
}

variable "migration_secret_name" {
  description = "Name of the Secrets Manager secret that holds the migration user's credentials, e.g. `ticketing/prod/db-migration`"
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
