# The way GitHub Actions gets into AWS for .github/workflows/release.yml, with no long-lived key
# anywhere: the account's OpenID Connect provider for GitHub's tokens, and one role that only a
# workflow run of one repository, on main or a v* tag, may assume. The role may push images to the
# given ECR repositories and do nothing else.

locals {
  provider_host = "token.actions.githubusercontent.com"
  provider_arn = (var.create_oidc_provider
    ? aws_iam_openid_connect_provider.github[0].arn
  : data.aws_iam_openid_connect_provider.github[0].arn)

  # The token's `sub` claim of a job run for a push to one of the refs. A job that names an
  # `environment:` gets repo:<repository>:environment:<name> instead and cannot assume the role,
  # nor can a pull request's run (repo:<repository>:pull_request) or any fork.
  subjects = [for ref in var.refs : "repo:${var.github_repository}:ref:${ref}"]
}

# One per account and URL: where another stack already made it, set create_oidc_provider = false.
resource "aws_iam_openid_connect_provider" "github" {
  count = var.create_oidc_provider ? 1 : 0

  url            = "https://${local.provider_host}"
  client_id_list = ["sts.amazonaws.com"]
  # AWS checks GitHub's certificate against its own trusted CAs and ignores these; older
  # providers required the list, so GitHub's published thumbprints stay here.
  thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1", "1c58a3a8518e8759bf075b76b750d4f2df264fcd"]
  tags            = var.tags
}

data "aws_iam_openid_connect_provider" "github" {
  count = var.create_oidc_provider ? 0 : 1

  url = "https://${local.provider_host}"
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [local.provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }

    # StringLike for refs/tags/v*; the repository part is never a pattern (see variables.tf).
    condition {
      test     = "StringLike"
      variable = "token.actions.githubusercontent.com:sub"
      values   = local.subjects
    }
  }
}

resource "aws_iam_role" "release" {
  name                 = var.role_name
  description          = "Pushes release images of ${var.github_repository} to ECR from GitHub Actions"
  assume_role_policy   = data.aws_iam_policy_document.assume.json
  max_session_duration = 3600
  tags                 = var.tags
}

data "aws_iam_policy_document" "push" {
  # Not scoped to a repository by ECR's design: the token lets docker log in to the registry.
  statement {
    sid       = "Login"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  # Push, and read back what was pushed (the workflow looks up an image already built for the
  # commit, copies it to a release tag, and cosign reads it to sign it). No delete.
  statement {
    sid = "PushReleaseImages"
    actions = [
      "ecr:BatchCheckLayerAvailability",
      "ecr:BatchGetImage",
      "ecr:CompleteLayerUpload",
      "ecr:DescribeImages",
      "ecr:GetDownloadUrlForLayer",
      "ecr:InitiateLayerUpload",
      "ecr:PutImage",
      "ecr:UploadLayerPart",
    ]
    resources = var.repository_arns
  }
}

resource "aws_iam_role_policy" "push" {
  name   = "ecr-push"
  role   = aws_iam_role.release.id
  policy = data.aws_iam_policy_document.push.json
}
