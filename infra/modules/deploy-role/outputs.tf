output "role_arn" {
  description = "ARN of the deploy role; must equal the environment's deployRole in environments.json."
  value       = aws_iam_role.this.arn
}

output "role_name" {
  description = "Name of the deploy role."
  value       = aws_iam_role.this.name
}
