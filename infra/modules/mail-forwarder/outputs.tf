output "bucket_name" {
  description = "Name of the mail bucket."
  value       = module.mail_bucket.name
}

output "bucket_arn" {
  description = "ARN of the mail bucket."
  value       = module.mail_bucket.arn
}

output "function_name" {
  description = "Name of the mail-forwarder function."
  value       = module.function.function_name
}

output "function_arn" {
  description = "Unqualified ARN of the mail-forwarder function."
  value       = module.function.function_arn
}

output "alias_arn" {
  description = "ARN of the alias the receipt rule invokes."
  value       = module.function.alias_arn
}

output "rule_set_name" {
  description = "Name of the receipt rule set."
  value       = aws_ses_receipt_rule_set.this.rule_set_name
}

output "ses_identity_arn" {
  description = "ARN of the SES identity (the from_address's domain)."
  value       = local.identity_arn
}
