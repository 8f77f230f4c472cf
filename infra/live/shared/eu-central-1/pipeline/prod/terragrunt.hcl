# The pipeline of the environment this folder is named after: its branch
# (the first of the environment's branches) → manual approval → CodeBuild →
# ./build.sh Deploy.
include "root" {
  path   = find_in_parent_folders("root.hcl")
  expose = true
}

terraform {
  source = "${dirname(find_in_parent_folders("root.hcl"))}/../modules//pipeline"
}

dependency "code_repository" {
  config_path                             = "../../code-repository"
  mock_outputs                            = { name = "mock-repository" }
  mock_outputs_allowed_terraform_commands = ["init", "validate", "plan"]
}

# One dependency per region of the environment's artifact store.
dependency "artifact_store_eu_central_1" {
  config_path                             = "../../artifact-store"
  mock_outputs                            = { store = { region = "eu-central-1", bucket = "mock-artifacts", kms_key_arn = "arn:aws:kms:eu-central-1:123456789012:key/mock" } }
  mock_outputs_allowed_terraform_commands = ["init", "validate", "plan"]
}

dependency "artifact_store_eu_west_1" {
  config_path                             = "../../../eu-west-1/artifact-store"
  mock_outputs                            = { store = { region = "eu-west-1", bucket = "mock-artifacts", kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/mock" } }
  mock_outputs_allowed_terraform_commands = ["init", "validate", "plan"]
}

locals {
  environment_key = basename(get_terragrunt_dir())
  environment     = include.root.locals.ci_environments[local.environment_key]
  pipeline        = include.root.locals.pipelines[local.environment_key]
}

inputs = {
  name               = local.pipeline.name
  branch             = local.pipeline.branch
  repository_name    = dependency.code_repository.outputs.name
  build_project_name = local.pipeline.build_project
  pipeline_role_arn  = local.pipeline.pipeline_role_arn
  build_role_arn     = local.pipeline.build_role_arn
  deploy_role_arn    = local.environment.deployRole
  artifact_stores = {
    for store in [
      dependency.artifact_store_eu_central_1.outputs.store,
      dependency.artifact_store_eu_west_1.outputs.store,
    ] : store.region => { bucket = store.bucket, kms_key_arn = store.kms_key_arn }
  }
  manual_approval = true
  tags            = include.root.locals.tags
}
