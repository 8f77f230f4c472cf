output "organization_id" {
  description = "ID of the organisation."
  value       = aws_organizations_organization.this.id
}

output "account_ids" {
  description = "Member account ids by logical name; copy them into accounts.<name>.id in environments.json after the first apply."
  value       = { for name, account in aws_organizations_account.member : name => account.id }
}

output "access_role_arns" {
  description = "The access role in each member account, by logical name (what the admin group may assume and Terragrunt's providers assume)."
  value       = local.access_role_arns
}

output "admin_group_name" {
  description = "Name of the admin group."
  value       = aws_iam_group.admins.name
}

output "trail_arn" {
  description = "ARN of the organisation trail."
  value       = aws_cloudtrail.organization.arn
}

output "budget_topic_arn" {
  description = "ARN of the budget alarm topic."
  value       = aws_sns_topic.budget.arn
}

output "service_control_policy_ids" {
  description = "IDs of the service control policies attached to the organisation root, by name."
  value       = { for name, policy in aws_organizations_policy.scp : name => policy.id }
}
