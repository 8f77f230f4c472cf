# Shared definition of every static-site unit (live/<account>/<region>/static-site):
# the site of the environment deployed into the including unit's account —
# bucket, distribution, certificate and records; /api/* goes to the contact API
# next door. Paths and functions here run in the including unit's context.

locals {
  names   = read_terragrunt_config(find_in_parent_folders("names.hcl")).locals
  account = local.names.accounts[split("/", path_relative_to_include())[1]]
  site    = local.account.environment.site
}

terraform {
  source = "${dirname(find_in_parent_folders("root.hcl"))}/../modules//static-site"
}

dependency "contact_api" {
  config_path                             = "${get_terragrunt_dir()}/../contact-api"
  mock_outputs                            = { api_domain_name = "mock.execute-api.amazonaws.com" }
  mock_outputs_allowed_terraform_commands = ["init", "validate", "plan"]
}

# Records go into the zone in shared services, which must exist first.
dependencies {
  paths = ["${get_terragrunt_dir()}/../../../shared/global/hosted-zone"]
}

inputs = {
  name            = local.account.name_prefix
  bucket_name     = local.site.bucket
  domain_name     = local.site.domain
  zone_name       = local.names.zone_name
  api_domain_name = dependency.contact_api.outputs.api_domain_name

  # Besides the distribution, only the environment's deploy role reads the site's objects.
  deployer_role_arns = [local.account.environment.deployRole]
}
