output "function_name" {
  description = "Name of the function."
  value       = aws_lambda_function.this.function_name
}

output "function_arn" {
  description = "Unqualified ARN of the function."
  value       = aws_lambda_function.this.arn
}

output "alias_name" {
  description = "Name of the alias callers invoke."
  value       = aws_lambda_alias.this.name
}

output "alias_arn" {
  description = "ARN of the alias callers invoke."
  value       = aws_lambda_alias.this.arn
}

output "alias_invoke_arn" {
  description = "Invoke ARN of the alias (for API Gateway integrations)."
  value       = aws_lambda_alias.this.invoke_arn
}

output "role_arn" {
  description = "ARN of the function's execution role."
  value       = module.role.arn
}
