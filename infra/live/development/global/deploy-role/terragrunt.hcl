# The role ./build.sh Deploy assumes in this account (deployRole in
# environments.json), trusted only by this environment's build role.
include "root" {
  path   = find_in_parent_folders("root.hcl")
  expose = true
}

terraform {
  source = "${dirname(find_in_parent_folders("root.hcl"))}/../modules//deploy-role"
}

dependency "static_site" {
  config_path                             = "../../eu-central-1/static-site"
  mock_outputs                            = { distribution_arn = "arn:aws:cloudfront::123456789012:distribution/EMOCK0000000" }
  mock_outputs_allowed_terraform_commands = ["init", "validate", "plan"]
}

# One dependency per region of the environment's artifact store.
dependency "artifact_store_eu_central_1" {
  config_path                             = "../../../shared/eu-central-1/artifact-store"
  mock_outputs                            = { store = { region = "eu-central-1", bucket = "mock-artifacts", kms_key_arn = "arn:aws:kms:eu-central-1:123456789012:key/mock" } }
  mock_outputs_allowed_terraform_commands = ["init", "validate", "plan"]
}

dependency "artifact_store_eu_west_1" {
  config_path                             = "../../../shared/eu-west-1/artifact-store"
  mock_outputs                            = { store = { region = "eu-west-1", bucket = "mock-artifacts", kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/mock" } }
  mock_outputs_allowed_terraform_commands = ["init", "validate", "plan"]
}

locals {
  environment = include.root.locals.environment
}

inputs = {
  role_arn         = local.environment.deployRole
  build_role_arn   = include.root.locals.pipelines[include.root.locals.environment_key].build_role_arn
  external_id      = try(local.environment.externalId, null)
  site_bucket_name = local.environment.site.bucket
  distribution_arn = dependency.static_site.outputs.distribution_arn
  function_arns = [
    for f in values(local.environment.functions) :
    "arn:aws:lambda:${f.region}:${include.root.locals.account_id}:function:${f.functionName}"
  ]
  artifact_stores = {
    for store in [
      dependency.artifact_store_eu_central_1.outputs.store,
      dependency.artifact_store_eu_west_1.outputs.store,
    ] : store.region => { bucket = store.bucket, kms_key_arn = store.kms_key_arn }
  }
  tags = include.root.locals.tags
}
