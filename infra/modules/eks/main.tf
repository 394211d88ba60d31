# EKS with one managed node group in the private subnets. The node group has no SSH key and no
# remote access block, so no security group rule for port 22 exists; the module's node security
# group only admits the control plane and the nodes themselves (no 0.0.0.0/0 ingress, no node
# ports opened to the internet). Pods reach AWS APIs through IAM roles for service accounts.
# The service's pods get a security group of their own (security groups for pods): RDS and
# ElastiCache admit that group, not the nodes', so no other pod of the cluster reaches them.

module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "20.37.1"

  cluster_name    = var.cluster_name
  cluster_version = var.kubernetes_version

  # The API endpoint is always reachable from inside the VPC; from outside only when CIDR blocks
  # are listed, and then only from those.
  cluster_endpoint_private_access      = true
  cluster_endpoint_public_access       = length(var.api_allowed_cidrs) > 0
  cluster_endpoint_public_access_cidrs = var.api_allowed_cidrs

  vpc_id                   = var.vpc_id
  subnet_ids               = var.private_subnet_ids
  control_plane_subnet_ids = var.private_subnet_ids

  # Access entries (not the aws-auth ConfigMap); whoever runs `terraform apply` becomes admin.
  authentication_mode                      = "API"
  enable_cluster_creator_admin_permissions = true

  enable_irsa = true
  # The cluster role gets AmazonEKSVPCResourceController, which attaches the pods' branch interfaces.
  enable_security_groups_for_pods        = true
  cluster_enabled_log_types              = ["api", "audit", "authenticator"]
  cloudwatch_log_group_retention_in_days = var.control_plane_log_retention_days

  cluster_addons = {
    coredns    = {}
    kube-proxy = {}
    vpc-cni = {
      before_compute = true
      # Enforce Kubernetes NetworkPolicies (deploy/components/network-policies); without it EKS
      # accepts them and enforces nothing. ENABLE_POD_ENI: pods that a SecurityGroupPolicy selects
      # (deploy/overlays/prod) get a branch interface in their own security group (aws_security_group.app).
      # Standard mode: those pods' traffic still passes the NetworkPolicies, and kubelet probes work.
      configuration_values = jsonencode({
        enableNetworkPolicy = "true"
        env = {
          ENABLE_POD_ENI                    = "true"
          POD_SECURITY_GROUP_ENFORCING_MODE = "standard"
        }
      })
    }
    eks-pod-identity-agent = {}
    # Provisions EBS volumes for PersistentVolumeClaims (the dev overlay's MySQL, StorageClass gp3):
    # from EKS 1.30 on no StorageClass is the default and nothing else provisions them.
    aws-ebs-csi-driver = {
      addon_version            = var.ebs_csi_driver_version
      service_account_role_arn = module.ebs_csi_irsa.iam_role_arn
    }
  }

  eks_managed_node_groups = {
    default = {
      ami_type       = "AL2023_x86_64_STANDARD"
      instance_types = var.node_instance_types
      capacity_type  = var.node_capacity_type

      min_size     = var.node_min_size
      max_size     = var.node_max_size
      desired_size = var.node_desired_size

      subnet_ids = var.private_subnet_ids

      # IMDSv2 only, and pods cannot borrow the node's role through the metadata service.
      metadata_options = {
        http_endpoint               = "enabled"
        http_tokens                 = "required"
        http_put_response_hop_limit = 1
      }
    }
  }

  # CoreDNS runs in the node security group; the service's pods ask it from their own.
  node_security_group_additional_rules = {
    ingress_app_pods_dns_tcp = {
      description              = "DNS from the service's pods"
      protocol                 = "tcp"
      from_port                = 53
      to_port                  = 53
      type                     = "ingress"
      source_security_group_id = aws_security_group.app.id
    }
    ingress_app_pods_dns_udp = {
      description              = "DNS from the service's pods"
      protocol                 = "udp"
      from_port                = 53
      to_port                  = 53
      type                     = "ingress"
      source_security_group_id = aws_security_group.app.id
    }
  }

  tags = var.tags
}

# The service's pods (deploy/overlays/prod/security-group-policy.yaml), and nothing else: the one
# group RDS and ElastiCache admit (modules/mysql and modules/redis add the egress rule to each).
resource "aws_security_group" "app" {
  name_prefix = "${var.cluster_name}-ticketing-pods-"
  description = "The ticketing service's pods (security groups for pods)"
  vpc_id      = var.vpc_id

  # No inline rules: Terraform drops AWS's default allow-all egress, and the rules below are all.
  tags = merge(var.tags, { Name = "${var.cluster_name}-ticketing-pods" })

  lifecycle {
    create_before_destroy = true
  }
}

# The load balancer (ALB, target type ip) to the service port, from its subnets.
resource "aws_vpc_security_group_ingress_rule" "app_from_load_balancer" {
  for_each = toset(var.load_balancer_cidrs)

  security_group_id = aws_security_group.app.id
  description       = "Service port from the load balancer's subnet"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 8080
  to_port           = 8080
}

# The kubelet's probes and Prometheus (a pod in the node group) to the management port.
resource "aws_vpc_security_group_ingress_rule" "app_from_nodes" {
  security_group_id            = aws_security_group.app.id
  description                  = "Management port from the nodes (kubelet probes, Prometheus)"
  referenced_security_group_id = module.eks.node_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = 8081
  to_port                      = 8081
}

resource "aws_vpc_security_group_egress_rule" "app_dns" {
  for_each = toset(["tcp", "udp"])

  security_group_id            = aws_security_group.app.id
  description                  = "DNS to CoreDNS"
  referenced_security_group_id = module.eks.node_security_group_id
  ip_protocol                  = each.value
  from_port                    = 53
  to_port                      = 53
}

# The EBS CSI controller's IAM role (IRSA): the EC2 volume calls it needs, for its own service
# account only.
module "ebs_csi_irsa" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts-eks"
  version = "5.60.0"

  role_name             = "${var.cluster_name}-ebs-csi"
  attach_ebs_csi_policy = true

  oidc_providers = {
    main = {
      provider_arn               = module.eks.oidc_provider_arn
      namespace_service_accounts = ["kube-system:ebs-csi-controller-sa"]
    }
  }

  tags = var.tags
}
