# Shared definition of every pipeline unit (live/<shared services>/<region>/pipeline/<environment>):
# the pipelines of the environment the unit's folder is named after — one per
# branch it lists (names.hcl: branch_pipelines) → its one CodeBuild project → ./build.sh Deploy.
# Each unit says whether a person approves first (manual_approval); paths and
# functions here run in the including unit's context.

locals {
  names           = read_terragrunt_config(find_in_parent_folders("names.hcl")).locals
  environment_key = basename(get_terragrunt_dir())
  environment     = local.names.ci_environments[local.environment_key]
  pipeline        = local.names.pipelines[local.environment_key]
}

terraform {
  source = "${dirname(find_in_parent_folders("root.hcl"))}/../modules//pipeline"
}

dependency "code_repository" {
  config_path                             = "${get_terragrunt_dir()}/../../code-repository"
  mock_outputs                            = { name = "mock-repository" }
  mock_outputs_allowed_terraform_commands = ["init", "validate", "plan"]
}

# The connections to GitHub, GitLab or Bitbucket (none when every environment builds from CodeCommit).
dependency "code_connection" {
  config_path                             = "${get_terragrunt_dir()}/../../code-connection"
  mock_outputs                            = { connection_arns = {} }
  mock_outputs_allowed_terraform_commands = ["init", "validate", "plan"]
}

# One dependency per region of the environment's own artifact store.
dependency "artifact_store_eu_central_1" {
  config_path                             = "${get_terragrunt_dir()}/../../artifact-store/${local.environment_key}"
  mock_outputs                            = { store = { region = "eu-central-1", bucket = "mock-artifacts", kms_key_arn = "arn:aws:kms:eu-central-1:123456789012:key/mock" } }
  mock_outputs_allowed_terraform_commands = ["init", "validate", "plan"]
}

dependency "artifact_store_eu_west_1" {
  config_path                             = "${get_terragrunt_dir()}/../../../eu-west-1/artifact-store/${local.environment_key}"
  mock_outputs                            = { store = { region = "eu-west-1", bucket = "mock-artifacts", kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/mock" } }
  mock_outputs_allowed_terraform_commands = ["init", "validate", "plan"]
}

inputs = {
  name               = local.pipeline.name
  branch_pipelines   = local.pipeline.branch_pipelines
  # The environment's source (environments.json "source"): CodeCommit, or a repository read through a connection.
  source_provider = local.pipeline.source.provider
  repository_name = local.pipeline.source.provider == "CodeCommit" ? dependency.code_repository.outputs.name : local.pipeline.source.repository
  connection_arn  = try(dependency.code_connection.outputs.connection_arns[local.environment_key], null)
  build_project_name = local.pipeline.build_project
  pipeline_role_arn  = local.pipeline.pipeline_role_arn
  build_role_arn     = local.pipeline.build_role_arn
  deploy_role_arn    = local.environment.deployRole
  # No role of a pipeline pushes to these (in the CodeCommit repository, when an environment builds from it).
  protected_branches       = local.names.protected_branches
  protected_repository_arn = local.names.codecommit_repository_arn
  # The manual approval (units with manual_approval): who is told, who may approve.
  approval_subscribers = try(local.environment.approval.subscribers, [])
  approver_role_arn    = local.pipeline.approver_role_arn
  approving_role_arns  = try(local.environment.approval.approvers, [])
  # Every CI environment's build starts only from its own pipeline.
  guarded_builds = {
    for key, pipeline in local.names.pipelines : key => {
      build_project_name = pipeline.build_project
      pipeline_role_arn  = pipeline.pipeline_role_arn
    }
  }
  artifact_stores = {
    for store in [
      dependency.artifact_store_eu_central_1.outputs.store,
      dependency.artifact_store_eu_west_1.outputs.store,
    ] : store.region => { bucket = store.bucket, kms_key_arn = store.kms_key_arn }
  }
}
