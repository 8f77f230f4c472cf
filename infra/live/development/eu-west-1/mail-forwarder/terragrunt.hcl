# Inbound mail for this account's environment: SES receipt rule → S3 → the
# mail-forwarder function. SES receives mail only in some regions; this one does.
include "root" {
  path   = find_in_parent_folders("root.hcl")
  expose = true
}

terraform {
  source = "${dirname(find_in_parent_folders("root.hcl"))}/../modules//mail-forwarder"
}

locals {
  function = include.root.locals.environment.functions["mail-forwarder"]
}

# Records go into the zone in shared services, which must exist first.
dependencies {
  paths = ["../../../shared/global/hosted-zone"]
}

inputs = {
  function_name         = local.function.functionName
  alias_name            = local.function.alias
  environment_variables = local.function.environment
  bucket_name           = local.function.environment.MAIL_BUCKET
  object_prefix         = local.function.environment.MAIL_PREFIX
  from_address          = local.function.environment.FROM_ADDRESS
  rule_set_name         = "${include.root.locals.name_prefix}-inbound"
  zone_name             = include.root.locals.zone_name
  tags                  = include.root.locals.tags
}
