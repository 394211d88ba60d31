# The service's own secrets (JWT signing key, admin password), generated and kept in AWS Secrets
# Manager, and the IAM roles the External Secrets Operator assumes to read them: only the secrets
# each needs, only with GetSecretValue/DescribeSecret, and only from one Kubernetes service account.

resource "random_password" "jwt" {
  # HS256 key: 64 characters = 64 bytes, twice the minimum the service accepts.
  length  = 64
  special = false
}

resource "random_password" "admin" {
  length  = 24
  special = false
}

resource "aws_secretsmanager_secret" "app" {
  name                    = var.secret_name
  description             = "JWT signing key and admin password of the ticketing service"
  recovery_window_in_days = var.secret_recovery_window_days
  tags                    = var.tags
}

resource "aws_secretsmanager_secret_version" "app" {
  secret_id = aws_secretsmanager_secret.app.id
  secret_string = jsonencode({
    jwt_secret     = random_password.jwt.result
    admin_password = random_password.admin.result
  })
}

# Two readers, each an IAM role assumable from one Kubernetes service account only:
#   external_secrets  the service's SecretStore (deploy/overlays/prod): its own secrets and those of
#                     the MySQL users it logs in as and of Redis, never the RDS master user's
#   db_users          the users' bootstrap Job's SecretStore (deploy/components/db-users), run by
#                     hand: the master user's secret and the two users' it creates
locals {
  readers = {
    external_secrets = {
      service_account = var.service_account
      secret_arns     = concat([aws_secretsmanager_secret.app.arn], var.readable_secret_arns)
      description     = "Read the ticketing service's secrets"
    }
    db_users = {
      service_account = var.db_users_service_account
      secret_arns     = var.db_users_secret_arns
      description     = "Read the MySQL master and service users' secrets for the users' bootstrap Job"
    }
  }
}

data "aws_iam_policy_document" "assume" {
  for_each = local.readers

  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [var.oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${var.oidc_provider}:sub"
      values   = ["system:serviceaccount:${var.namespace}:${each.value.service_account}"]
    }

    condition {
      test     = "StringEquals"
      variable = "${var.oidc_provider}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "read" {
  for_each = local.readers

  statement {
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = each.value.secret_arns
  }
}

resource "aws_iam_role" "reader" {
  for_each = local.readers

  name               = "${var.name}-${replace(each.key, "_", "-")}"
  description        = "${each.value.description} from the ${var.namespace}/${each.value.service_account} service account"
  assume_role_policy = data.aws_iam_policy_document.assume[each.key].json
  tags               = var.tags
}

resource "aws_iam_role_policy" "read" {
  for_each = local.readers

  name   = "read-ticketing-secrets"
  role   = aws_iam_role.reader[each.key].id
  policy = data.aws_iam_policy_document.read[each.key].json
}

moved {
  from = aws_iam_role.external_secrets
  to   = aws_iam_role.reader["external_secrets"]
}

moved {
  from = aws_iam_role_policy.read
  to   = aws_iam_role_policy.read["external_secrets"]
}
