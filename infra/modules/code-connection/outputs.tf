output "connection_arns" {
  description = "ARN of each connection by provider type; the pipelines of the environments using that provider read their source through it."
  value       = { for provider, connection in aws_codestarconnections_connection.this : provider => connection.arn }
}
