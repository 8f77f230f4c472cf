output "name" {
  description = "Name of the bucket."
  value       = local.bucket.id
}

output "arn" {
  description = "ARN of the bucket."
  value       = local.bucket.arn
}

output "bucket_regional_domain_name" {
  description = "Regional domain name of the bucket (a CloudFront origin)."
  value       = local.bucket.bucket_regional_domain_name
}
