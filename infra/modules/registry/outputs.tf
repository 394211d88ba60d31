output "repository_urls" {
  description = "Repository URL per repository name (`<account>.dkr.ecr.<region>.amazonaws.com/<name>`)"
  value       = { for name, repo in module.ecr : name => repo.repository_url }
}

output "repository_arns" {
  description = "Repository ARN per repository name"
  value       = { for name, repo in module.ecr : name => repo.repository_arn }
}
