# Root of the Terragrunt hierarchy: live/<account>/<region or global>/<unit>.
# The account and region come from each unit's path; every name comes from
# ../environments.json, the file the build reads. Names only Terraform needs
# (state, pipelines and their roles, the zone) are derived below, once, from
# the project name, account ids, environment names and site domains.

locals {
  env = jsondecode(file(find_in_parent_folders("environments.json")))

  path        = split("/", path_relative_to_include())
  account_key = local.path[0]
  region_dir  = local.path[1]
  # IAM, Organizations and Route 53 are global: their units run in the pipeline region.
  region     = local.region_dir == "global" ? local.env.pipelineRegion : local.region_dir
  account_id = local.env.accounts[local.account_key].id

  # People run Terragrunt with a session in the management account and reach
  # every member account through the role AWS Organizations created there.
  management_account = "master"
  access_role_name   = "OrganizationAccountAccessRole"
  role_arn           = local.account_key == local.management_account ? "" : "arn:aws:iam::${local.account_id}:role/${local.access_role_name}"

  # Environments the pipelines deploy (the ones with branches), and the one in this account.
  ci_environments = { for key, e in local.env.environments : key => e if length(e.branches) > 0 }
  environment_key = one([for key, e in local.ci_environments : key if e.account == local.account_key])
  environment     = local.environment_key == null ? null : local.ci_environments[local.environment_key]
  name_prefix     = local.environment_key == null ? local.env.project : "${local.env.project}-${local.environment_key}"

  # Shared services: the account of the CI environments' artifact store. It
  # also holds the repository, the pipelines and the DNS zone.
  shared_account = one(distinct([for e in values(local.ci_environments) : local.env.artifactStores[e.artifactStore].account]))
  shared_id      = local.env.accounts[local.shared_account].id
  dns_role_arn   = "arn:aws:iam::${local.shared_id}:role/${local.access_role_name}"
  # The artifact store kept in this account, if any.
  store_key = one([for key, s in local.env.artifactStores : key if s.account == local.account_key])

  # The hosted zone is the site domain every other site domain lies in.
  site_domains = [for e in values(local.ci_environments) : e.site.domain]
  zone_name = one([
    for d in local.site_domains : d
    if alltrue([for other in local.site_domains : length(regexall("(^|\\.)${replace(d, ".", "\\.")}$", other)) > 0])
  ])

  repository_name = local.env.project
  pipelines = {
    for key, e in local.ci_environments : key => {
      name              = "${local.env.project}-${key}"
      branch            = e.branches[0]
      build_project     = "${local.env.project}-${key}-deploy"
      pipeline_role_arn = "arn:aws:iam::${local.shared_id}:role/${local.env.project}-${key}-pipeline"
      build_role_arn    = "arn:aws:iam::${local.shared_id}:role/${local.env.project}-${key}-build"
    }
  }

  # State: one bucket per account, in the pipeline region, and one lock table.
  state_bucket = "${local.env.project}-terraform-state-${local.account_id}"
  lock_table   = "${local.env.project}-terraform-locks"
  state_region = local.env.pipelineRegion

  tags = {
    Project   = local.env.project
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
      bucket         = local.state_bucket
      key            = "${path_relative_to_include()}/terraform.tfstate"
      region         = local.state_region
      encrypt        = true
      dynamodb_table = local.lock_table
    },
    local.role_arn == "" ? {} : { assume_role = { role_arn = local.role_arn } }
  )
}

# The default provider works in the unit's account and region; "us_east_1"
# is the same account in the only region CloudFront takes certificates from;
# "dns" writes records into the zone in shared services.
generate "provider" {
  path      = "provider.tf"
  if_exists = "overwrite_terragrunt"
  contents  = <<-EOT
    provider "aws" {
      region              = "${local.region}"
      allowed_account_ids = ["${local.account_id}"]
    %{if local.role_arn != ""~}
      assume_role {
        role_arn     = "${local.role_arn}"
        session_name = "terragrunt"
      }
    %{endif~}
      default_tags {
        tags = ${jsonencode(local.tags)}
      }
    }

    provider "aws" {
      alias               = "us_east_1"
      region              = "us-east-1"
      allowed_account_ids = ["${local.account_id}"]
    %{if local.role_arn != ""~}
      assume_role {
        role_arn     = "${local.role_arn}"
        session_name = "terragrunt"
      }
    %{endif~}
      default_tags {
        tags = ${jsonencode(local.tags)}
      }
    }

    provider "aws" {
      alias               = "dns"
      region              = "${local.env.pipelineRegion}"
      allowed_account_ids = ["${local.shared_id}"]
      assume_role {
        role_arn     = "${local.dns_role_arn}"
        session_name = "terragrunt-dns"
      }
      default_tags {
        tags = ${jsonencode(local.tags)}
      }
    }
  EOT
}
