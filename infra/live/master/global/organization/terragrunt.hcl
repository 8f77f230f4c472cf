# The organisation and its member accounts: every account in environments.json
# with a root email, except the management account itself.
include "root" {
  path   = find_in_parent_folders("root.hcl")
  expose = true
}

terraform {
  source = "${dirname(find_in_parent_folders("root.hcl"))}/../modules//organization"
}

locals {
  names = include.root.locals.names
}

inputs = {
  member_accounts = {
    for name, account in local.names.env.accounts : name => { email = account.email }
    if name != local.names.management_account && can(account.email)
  }
  access_role_name = local.names.access_role_name
  admin_group_name = local.names.admin_group_name

  # The organisation trail needs CloudTrail's trusted access; SCPs need the policy type enabled.
  service_access_principals = ["cloudtrail.amazonaws.com"]
  trail_name                = local.names.organization.trail_name
  trail_bucket_name         = local.names.organization.trail_bucket_name
  budget_name               = local.names.organization.budget_name
  budget_topic_name         = local.names.organization.budget_topic_name
  budget_alarm_emails       = [local.names.env.accounts[local.names.management_account].email]
  scp_name_prefix           = local.names.organization.scp_name_prefix
  allowed_regions           = local.names.organization.allowed_regions
  deploy_role_arns          = local.names.organization.deploy_role_arns
  guarded_builds = {
    for key, pipeline in local.names.pipelines : key => {
      build_project_arn = "arn:aws:codebuild:${local.names.env.pipelineRegion}:${local.names.shared_id}:project/${pipeline.build_project}"
      pipeline_role_arn = pipeline.pipeline_role_arn
    }
  }
  repository_arn     = local.names.codecommit_repository_arn
  protected_branches = local.names.protected_branches
  release_role_arns  = distinct(flatten([for e in values(local.names.ci_environments) : try(e.approval.approvers, [])]))
}
