# Example values for the dev environment; nothing secret belongs here (passwords are generated).
region            = "eu-west-1"
api_allowed_cidrs = ["203.0.113.0/24"] # replace with your office or VPN egress

node_instance_types = ["t3.large", "t3a.large", "m7i.large"]
node_capacity_type  = "SPOT"

# false: the dev overlay runs MySQL and Redis in the cluster. true: RDS + ElastiCache as in prod.
managed_datastores = false

ci_push_role_arns = []
