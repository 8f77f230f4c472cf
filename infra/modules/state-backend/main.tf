# An account's Terraform state bucket and lock table. Terragrunt creates both
# on the first init in the account; the unit then adopts them with import
# blocks (see infra/live/_envcommon/state-backend.hcl) and keeps them hardened.

module "state_bucket" {
  source = "../private-bucket"

  bucket_name        = var.bucket_name
  sse_algorithm      = "aws:kms"
  bucket_key_enabled = true
  prevent_destroy    = true
  lifecycle_rules = [{
    id                                     = "expire-old-state-versions"
    noncurrent_version_expiration_days     = var.noncurrent_version_retention_days
    abort_incomplete_multipart_upload_days = 7
  }]
  tags = var.tags
}

resource "aws_dynamodb_table" "lock" {
  name                        = var.lock_table_name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "LockID"
  deletion_protection_enabled = true
  tags                        = var.tags

  attribute {
    name = "LockID"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }
}
