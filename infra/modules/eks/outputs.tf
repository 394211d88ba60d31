output "cluster_name" {
  description = "Name of the EKS cluster"
  value       = module.eks.cluster_name
}

output "cluster_endpoint" {
  description = "Endpoint of the Kubernetes API server"
  value       = module.eks.cluster_endpoint
}

output "cluster_certificate_authority_data" {
  description = "Base64-encoded certificate authority data of the cluster"
  value       = module.eks.cluster_certificate_authority_data
}

output "node_security_group_id" {
  description = "Security group of the worker nodes and of every pod without a SecurityGroupPolicy"
  value       = module.eks.node_security_group_id
}

output "cluster_security_group_id" {
  description = "Security group of the control plane"
  value       = module.eks.cluster_security_group_id
}

output "oidc_provider_arn" {
  description = "ARN of the cluster's OIDC provider, for IAM roles for service accounts"
  value       = module.eks.oidc_provider_arn
}

output "oidc_provider" {
  description = "Issuer URL of the cluster's OIDC provider without `https://`, for IAM trust conditions"
  value       = module.eks.oidc_provider
}

output "app_security_group_id" {
  description = "Security group of the service's pods (SecurityGroupPolicy in deploy/overlays/prod); the only one the database and the cache admit"
  value       = aws_security_group.app.id
}
