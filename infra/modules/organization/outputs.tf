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
