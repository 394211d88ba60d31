# The service's own secrets (JWT signing key, admin password), generated and kept in AWS Secrets
# Manager, and the IAM role the External Secrets Operator assumes to read them: only these
# secrets, only with GetSecretValue/DescribeSecret, and only from one Kubernetes service account.

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

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [var.oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${var.oidc_provider}:sub"
      values   = ["system:serviceaccount:${var.namespace}:${var.service_account}"]
    }

    condition {
      test     = "StringEquals"
      variable = "${var.oidc_provider}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "read" {
  statement {
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = concat([aws_secretsmanager_secret.app.arn], var.readable_secret_arns)
  }
}

resource "aws_iam_role" "external_secrets" {
  name               = "${var.name}-external-secrets"
  description        = "Read the ticketing service's secrets from the ${var.namespace}/${var.service_account} service account"
  assume_role_policy = data.aws_iam_policy_document.assume.json
  tags               = var.tags
}

resource "aws_iam_role_policy" "read" {
  name   = "read-ticketing-secrets"
  role   = aws_iam_role.external_secrets.id
  policy = data.aws_iam_policy_document.read.json
}
