# Shared definition of every deploy-role unit (live/<account>/global/deploy-role):
# the role ./build.sh Deploy assumes in the including unit's account (deployRole
# in environments.json), trusted only by that environment's build role. Paths
# and functions here run in the including unit's context.

locals {
  names       = read_terragrunt_config(find_in_parent_folders("names.hcl")).locals
  account     = local.names.accounts[split("/", path_relative_to_include())[1]]
  environment = local.account.environment
}

terraform {
  source = "${dirname(find_in_parent_folders("root.hcl"))}/../modules//deploy-role"
}

dependency "static_site" {
  config_path                             = "${get_terragrunt_dir()}/../../eu-central-1/static-site"
  mock_outputs = {
    distribution_arn    = "arn:aws:cloudfront::123456789012:distribution/EMOCK0000000"
    key_value_store_arn = "arn:aws:cloudfront::123456789012:key-value-store/a1b2c3d4-5678-40ab-8def-0123456789ab"
  }
  mock_outputs_allowed_terraform_commands = ["init", "validate", "plan"]
}

# One dependency per region of the environment's own artifact store.
dependency "artifact_store_eu_central_1" {
  config_path                             = "${get_terragrunt_dir()}/../../../shared/eu-central-1/artifact-store/${local.account.environment_key}"
  mock_outputs                            = { store = { region = "eu-central-1", bucket = "mock-artifacts", kms_key_arn = "arn:aws:kms:eu-central-1:123456789012:key/mock" } }
  mock_outputs_allowed_terraform_commands = ["init", "validate", "plan"]
}

dependency "artifact_store_eu_west_1" {
  config_path                             = "${get_terragrunt_dir()}/../../../shared/eu-west-1/artifact-store/${local.account.environment_key}"
  mock_outputs                            = { store = { region = "eu-west-1", bucket = "mock-artifacts", kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/mock" } }
  mock_outputs_allowed_terraform_commands = ["init", "validate", "plan"]
}

inputs = {
  role_arn            = local.environment.deployRole
  build_role_arn      = local.names.pipelines[local.account.environment_key].build_role_arn
  external_id         = try(local.environment.externalId, null)
  site_bucket_name    = local.environment.site.bucket
  distribution_arn    = dependency.static_site.outputs.distribution_arn
  key_value_store_arn = dependency.static_site.outputs.key_value_store_arn
  function_arns = [
    for f in values(local.environment.functions) :
    "arn:aws:lambda:${f.region}:${local.account.id}:function:${f.functionName}"
  ]
  artifact_stores = {
    for store in [
      dependency.artifact_store_eu_central_1.outputs.store,
      dependency.artifact_store_eu_west_1.outputs.store,
    ] : store.region => { bucket = store.bucket, kms_key_arn = store.kms_key_arn }
  }
}
