# This account's state bucket and lock table. Terragrunt creates both on the
# first init here; the import blocks below adopt them so Terraform keeps them
# hardened (versioning, TLS-only policy, lifecycle, point-in-time recovery).
include "root" {
  path   = find_in_parent_folders("root.hcl")
  expose = true
}

terraform {
  source = "${dirname(find_in_parent_folders("root.hcl"))}/../modules//state-backend"
}

generate "imports" {
  path      = "imports.tf"
  if_exists = "overwrite_terragrunt"
  contents  = <<-EOT
    import {
      to = aws_s3_bucket.state
      id = "${include.root.locals.state_bucket}"
    }

    import {
      to = aws_dynamodb_table.lock
      id = "${include.root.locals.lock_table}"
    }
  EOT
}

inputs = {
  bucket_name     = include.root.locals.state_bucket
  lock_table_name = include.root.locals.lock_table
  tags            = include.root.locals.tags
}
