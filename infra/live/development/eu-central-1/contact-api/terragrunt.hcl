# The contact form's HTTP API and function for this account's environment.
include "root" {
  path   = find_in_parent_folders("root.hcl")
  expose = true
}

terraform {
  source = "${dirname(find_in_parent_folders("root.hcl"))}/../modules//contact-api"
}

locals {
  function = include.root.locals.environment.functions["contact-form"]
}

# Records go into the zone in shared services, which must exist first.
dependencies {
  paths = ["../../../shared/global/hosted-zone"]
}

inputs = {
  api_name              = "${include.root.locals.name_prefix}-contact-api"
  function_name         = local.function.functionName
  alias_name            = local.function.alias
  environment_variables = local.function.environment
  sender_address        = local.function.environment.SENDER
  allowed_origins       = [local.function.environment.ALLOWED_ORIGIN]
  zone_name             = include.root.locals.zone_name
  tags                  = include.root.locals.tags
}
