output "distribution_id" {
  description = "CloudFront distribution id; copy it into site.distributionId in environments.json after the first apply."
  value       = aws_cloudfront_distribution.site.id
}

output "distribution_arn" {
  description = "ARN of the distribution (the deploy role may invalidate it)."
  value       = aws_cloudfront_distribution.site.arn
}

output "distribution_domain_name" {
  description = "The distribution's cloudfront.net host name."
  value       = aws_cloudfront_distribution.site.domain_name
}

output "key_value_store_arn" {
  description = "ARN of the release switch's KeyValueStore; copy it into site.keyValueStoreArn in environments.json after the first apply (the deploy role may write it)."
  value       = aws_cloudfront_key_value_store.releases.arn
}

output "key_value_store_id" {
  description = "The store's id (the last part of its ARN), as the CloudFront console and cf.kvs(id) name it."
  value       = element(split("/", aws_cloudfront_key_value_store.releases.arn), 1)
}

output "bucket_name" {
  description = "Name of the site bucket."
  value       = module.bucket.name
}

output "bucket_arn" {
  description = "ARN of the site bucket."
  value       = module.bucket.arn
}

output "certificate_arn" {
  description = "ARN of the validated us-east-1 certificate."
  value       = aws_acm_certificate_validation.site.certificate_arn
}
