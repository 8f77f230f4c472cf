output "pipeline_name" {
  description = "Name of the pipeline."
  value       = aws_codepipeline.this.name
}

output "pipeline_arn" {
  description = "ARN of the pipeline."
  value       = aws_codepipeline.this.arn
}

output "build_project_name" {
  description = "Name of the CodeBuild project."
  value       = aws_codebuild_project.this.name
}

output "build_role_arn" {
  description = "ARN of the build's service role, the principal the deploy role trusts."
  value       = module.build_role.arn
}

output "pipeline_role_arn" {
  description = "ARN of the pipeline's service role."
  value       = module.pipeline_role.arn
}
