output "bucket_name" {
  description = "Name of the state bucket."
  value       = module.state_bucket.name
}

output "bucket_arn" {
  description = "ARN of the state bucket."
  value       = module.state_bucket.arn
}

output "lock_table_name" {
  description = "Name of the lock table."
  value       = aws_dynamodb_table.lock.name
}
