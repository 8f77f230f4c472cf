# Shared definition of every contact-api unit (live/<account>/<region>/contact-api):
# the contact form's HTTP API and function of the environment deployed into
# the including unit's account. Units include it with expose = true; functions
# here run in the including unit's context, so get_terragrunt_dir() is the
# unit's folder and path_relative_to_include() is ../<account>/<region>/contact-api.

locals {
  names    = read_terragrunt_config(find_in_parent_folders("names.hcl")).locals
  account  = local.names.accounts[split("/", path_relative_to_include())[1]]
  function = local.account.environment.functions["contact-form"]
}

terraform {
  source = "${dirname(find_in_parent_folders("root.hcl"))}/../modules//contact-api"
}

# Records go into the zone in shared services, which must exist first.
dependencies {
  paths = ["${get_terragrunt_dir()}/../../../shared/global/hosted-zone"]
}

inputs = {
  api_name              = "${local.account.name_prefix}-contact-api"
  function_name         = local.function.functionName
  alias_name            = local.function.alias
  environment_variables = local.function.environment
  sender_address        = local.function.environment.SENDER
  allowed_origins       = [local.function.environment.ALLOWED_ORIGIN]
  zone_name             = local.names.zone_name
}
