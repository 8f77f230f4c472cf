output "name" {
  description = "Name of the repository."
  value       = aws_codecommit_repository.this.repository_name
}

output "arn" {
  description = "ARN of the repository."
  value       = aws_codecommit_repository.this.arn
}

output "clone_url_http" {
  description = "HTTPS clone URL (git-remote-codecommit users take the grc:// form)."
  value       = aws_codecommit_repository.this.clone_url_http
}
