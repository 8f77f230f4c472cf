# Shared definition of every mail-forwarder unit (live/<account>/<region>/mail-forwarder):
# inbound mail of the environment deployed into the including unit's account,
# SES receipt rule → S3 → the mail-forwarder function. SES receives mail only in
# some regions; the unit's folder must be the function's region (environments.json).
# Paths and functions here run in the including unit's context.

locals {
  names    = read_terragrunt_config(find_in_parent_folders("names.hcl")).locals
  account  = local.names.accounts[split("/", path_relative_to_include())[1]]
  function = local.account.environment.functions["mail-forwarder"]
}

terraform {
  source = "${dirname(find_in_parent_folders("root.hcl"))}/../modules//mail-forwarder"
}

# Records go into the zone in shared services, which must exist first.
dependencies {
  paths = ["${get_terragrunt_dir()}/../../../shared/global/hosted-zone"]
}

inputs = {
  function_name         = local.function.functionName
  alias_name            = local.function.alias
  environment_variables = local.function.environment
  bucket_name           = local.function.environment.MAIL_BUCKET
  object_prefix         = local.function.environment.MAIL_PREFIX
  from_address          = local.function.environment.FROM_ADDRESS
  receiving_domains     = local.names.receiving_domains
  rule_set_name         = "${local.account.name_prefix}-inbound"
  zone_name             = local.names.zone_name
}
