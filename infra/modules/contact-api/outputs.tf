output "api_endpoint" {
  description = "Invoke URL of the HTTP API."
  value       = aws_apigatewayv2_api.this.api_endpoint
}

output "api_domain_name" {
  description = "Host name of the HTTP API, the static site's origin for /api/*."
  value       = replace(aws_apigatewayv2_api.this.api_endpoint, "https://", "")
}

output "function_name" {
  description = "Name of the contact-form function."
  value       = module.function.function_name
}

output "function_arn" {
  description = "Unqualified ARN of the contact-form function."
  value       = module.function.function_arn
}

output "alias_arn" {
  description = "ARN of the alias the API invokes."
  value       = module.function.alias_arn
}

output "ses_identity_arn" {
  description = "ARN of the SES sending identity (the sender's domain)."
  value       = local.identity_arn
}
