# The environment's site: bucket, distribution, certificate and records.
# /api/* goes to the contact API next door.
include "root" {
  path   = find_in_parent_folders("root.hcl")
  expose = true
}

terraform {
  source = "${dirname(find_in_parent_folders("root.hcl"))}/../modules//static-site"
}

dependency "contact_api" {
  config_path                             = "../contact-api"
  mock_outputs                            = { api_domain_name = "mock.execute-api.amazonaws.com" }
  mock_outputs_allowed_terraform_commands = ["init", "validate", "plan"]
}

# Records go into the zone in shared services, which must exist first.
dependencies {
  paths = ["../../../shared/global/hosted-zone"]
}

inputs = {
  name            = include.root.locals.name_prefix
  bucket_name     = include.root.locals.environment.site.bucket
  domain_name     = include.root.locals.environment.site.domain
  zone_name       = include.root.locals.zone_name
  api_domain_name = dependency.contact_api.outputs.api_domain_name
  tags            = include.root.locals.tags
}
