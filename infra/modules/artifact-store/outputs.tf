output "store" {
  description = "This region's store as the pipeline and deploy-role modules take it: region, bucket and kms_key_arn."
  value = {
    region      = data.aws_region.current.name
    bucket      = module.bucket.name
    kms_key_arn = aws_kms_key.this.arn
  }
}

output "bucket_name" {
  description = "Name of the artifact bucket."
  value       = module.bucket.name
}

output "bucket_arn" {
  description = "ARN of the artifact bucket."
  value       = module.bucket.arn
}

output "kms_key_arn" {
  description = "ARN of the customer-managed key; pipelines and uploads must name this, not the alias."
  value       = aws_kms_key.this.arn
}

output "kms_alias_arn" {
  description = "ARN of the key's alias (for display; cross-account callers need kms_key_arn)."
  value       = aws_kms_alias.this.arn
}
