output "connection_arns" {
  description = "ARN of each connection by environment; that environment's pipelines read their source through it."
  value       = { for environment, connection in aws_codestarconnections_connection.this : environment => connection.arn }
}
