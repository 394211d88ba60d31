# Remote state in S3, locked with an S3 lock file (use_lockfile, Terraform >= 1.10; no DynamoDB
# table needed). The bucket is created once, by hand, with versioning and encryption on; see
# infra/README.md. State holds the generated passwords: keep the bucket private.
terraform {
  backend "s3" {
    bucket       = "ticketing-terraform-state"
    key          = "envs/prod/terraform.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }
}
