# Shared definition of every state-backend unit (live/<account>/<pipeline region>/state-backend):
# the including unit's account's state bucket and lock table. Terragrunt creates
# both on the first init there; the import blocks below adopt them so Terraform
# keeps them hardened (versioning, TLS-only policy, lifecycle, point-in-time
# recovery). Functions here run in the including unit's context.

locals {
  names   = read_terragrunt_config(find_in_parent_folders("names.hcl")).locals
  account = local.names.accounts[split("/", path_relative_to_include())[1]]
}

terraform {
  source = "${dirname(find_in_parent_folders("root.hcl"))}/../modules//state-backend"
}

generate "imports" {
  path      = "imports.tf"
  if_exists = "overwrite_terragrunt"
  contents  = <<-EOT
    import {
      to = module.state_bucket.aws_s3_bucket.protected[0]
      id = "${local.account.state_bucket}"
    }

    import {
      to = aws_dynamodb_table.lock
      id = "${local.names.lock_table}"
    }
  EOT
}

inputs = {
  bucket_name     = local.account.state_bucket
  lock_table_name = local.names.lock_table
}
