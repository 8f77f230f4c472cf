output "pipeline_names" {
  description = "Name of each branch's pipeline, by branch."
  value       = { for branch, pipeline in aws_codepipeline.this : branch => pipeline.name }
}

output "pipeline_arns" {
  description = "ARN of each branch's pipeline, by branch."
  value       = { for branch, pipeline in aws_codepipeline.this : branch => pipeline.arn }
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

output "approval_topic_arn" {
  description = "ARN of the SNS topic the manual approval notifies (null without manual_approval)."
  value       = var.manual_approval ? aws_sns_topic.approval[0].arn : null
}

output "approver_role_arn" {
  description = "ARN of the approver role (null without one)."
  value       = local.has_approver ? aws_iam_role.approver[0].arn : null
}
