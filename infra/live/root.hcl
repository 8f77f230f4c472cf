# Root of the Terragrunt hierarchy: live/<account>/<region or global>/<unit>.
# Every unit includes it for remote state, providers and the `tags` input.
# The account and region come from the including unit's path; every name comes
# from names.hcl, which reads ../environments.json, the file the build reads.

locals {
  names = read_terragrunt_config(find_in_parent_folders("names.hcl")).locals

  # The including unit's path: <account>/<region or global>/<unit>.
  path    = split("/", path_relative_to_include())
  account = local.names.accounts[local.path[0]]
  # IAM, Organizations and Route 53 are global: their units run in the pipeline region.
  region = local.path[1] == "global" ? local.names.env.pipelineRegion : local.path[1]
  # Providers in the unit's account by alias ("" is the default provider).
  own_account_regions = { "" = local.region, us_east_1 = "us-east-1" }

  tags = {
    Project   = local.names.env.project
    ManagedBy = "terragrunt"
    Unit      = path_relative_to_include()
  }
}

terraform_version_constraint  = ">= 1.6.0"
terragrunt_version_constraint = ">= 0.55.0"

remote_state {
  backend = "s3"
  generate = {
    path      = "backend.tf"
    if_exists = "overwrite_terragrunt"
  }
  config = merge(
    {
      bucket         = local.account.state_bucket
      key            = "${path_relative_to_include()}/terraform.tfstate"
      region         = local.names.state_region
      encrypt        = true
      dynamodb_table = local.names.lock_table
    },
    local.account.role_arn == "" ? {} : { assume_role = { role_arn = local.account.role_arn } }
  )
}

# In the unit's account: the default provider in the unit's region and
# "us_east_1", the only region CloudFront takes certificates from. "dns" writes
# records into the zone in shared services.
generate "provider" {
  path      = "provider.tf"
  if_exists = "overwrite_terragrunt"
  # A plain heredoc: <<- would keep stray indentation around the %{} directives.
  contents  = <<EOT
%{for alias, region in local.own_account_regions~}
provider "aws" {
%{if alias != ""~}
  alias               = "${alias}"
%{endif~}
  region              = "${region}"
  allowed_account_ids = ["${local.account.id}"]
%{if local.account.role_arn != ""~}
  assume_role {
    role_arn     = "${local.account.role_arn}"
    session_name = "terragrunt"
  }
%{endif~}
  default_tags {
    tags = ${jsonencode(local.tags)}
  }
}

%{endfor~}
provider "aws" {
  alias               = "dns"
  region              = "${local.names.env.pipelineRegion}"
  allowed_account_ids = ["${local.names.shared_id}"]
  assume_role {
    role_arn     = "${local.names.dns_role_arn}"
    session_name = "terragrunt-dns"
  }
  default_tags {
    tags = ${jsonencode(local.tags)}
  }
}
EOT
}

# Every module takes `tags`; the providers also apply them as default tags.
inputs = {
  tags = local.tags
}
