# A private S3 bucket: public access blocked, objects owned by the bucket
# owner, default encryption, and a policy that always denies requests without
# TLS and, with a customer-managed key, uploads not encrypted with that key.
# Callers add their grants as policy documents; they cannot replace the denies.

data "aws_partition" "current" {}

locals {
  bucket_arn = "arn:${data.aws_partition.current.partition}:s3:::${var.bucket_name}"
  bucket     = var.prevent_destroy ? aws_s3_bucket.protected[0] : aws_s3_bucket.this[0]
}

resource "aws_s3_bucket" "this" {
  count  = var.prevent_destroy ? 0 : 1
  bucket = var.bucket_name
  tags   = var.tags
}

# Terraform takes lifecycle settings only as literals, so a bucket that must
# survive a destroy (the state bucket) is a resource of its own.
resource "aws_s3_bucket" "protected" {
  count  = var.prevent_destroy ? 1 : 0
  bucket = var.bucket_name
  tags   = var.tags

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_ownership_controls" "this" {
  bucket = local.bucket.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = local.bucket.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = local.bucket.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = var.sse_algorithm
      kms_master_key_id = var.kms_key_arn
    }
    bucket_key_enabled = var.bucket_key_enabled
  }

  lifecycle {
    precondition {
      condition     = var.kms_key_arn == null || var.sse_algorithm == "aws:kms"
      error_message = "kms_key_arn needs sse_algorithm = \"aws:kms\"."
    }
  }
}

resource "aws_s3_bucket_versioning" "this" {
  count  = var.versioning_enabled ? 1 : 0
  bucket = local.bucket.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  count  = length(var.lifecycle_rules) > 0 ? 1 : 0
  bucket = local.bucket.id

  dynamic "rule" {
    for_each = var.lifecycle_rules
    content {
      id     = rule.value.id
      status = "Enabled"
      filter {
        prefix = rule.value.prefix
      }
      dynamic "expiration" {
        for_each = rule.value.expiration_days == null ? [] : [rule.value.expiration_days]
        content {
          days = expiration.value
        }
      }
      dynamic "noncurrent_version_expiration" {
        for_each = rule.value.noncurrent_version_expiration_days == null ? [] : [rule.value.noncurrent_version_expiration_days]
        content {
          noncurrent_days = noncurrent_version_expiration.value
        }
      }
      dynamic "abort_incomplete_multipart_upload" {
        for_each = rule.value.abort_incomplete_multipart_upload_days == null ? [] : [rule.value.abort_incomplete_multipart_upload_days]
        content {
          days_after_initiation = abort_incomplete_multipart_upload.value
        }
      }
    }
  }

  depends_on = [aws_s3_bucket_versioning.this]
}

# The callers' statements are source documents: a statement of this document
# replaces any of theirs with the same sid, so no caller can lift a deny.
data "aws_iam_policy_document" "this" {
  source_policy_documents = var.policy_documents

  statement {
    sid    = "DenyInsecureTransport"
    effect = "Deny"
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    actions   = ["s3:*"]
    resources = [local.bucket_arn, "${local.bucket_arn}/*"]
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  # An upload that names another encryption, or another key, is refused; one
  # that names none gets the default encryption above (this key). Each deny
  # applies only when its header is there (Null = false): an UploadPart
  # carries no SSE header, and a negated test on a missing key is true, so a
  # bare StringNotEquals (or StringNotEqualsIfExists) would refuse every part
  # of every multipart upload.
  dynamic "statement" {
    for_each = var.kms_key_arn == null ? [] : [1]
    content {
      sid    = "DenyUnencryptedObjectUploads"
      effect = "Deny"
      principals {
        type        = "AWS"
        identifiers = ["*"]
      }
      actions   = ["s3:PutObject"]
      resources = ["${local.bucket_arn}/*"]
      condition {
        test     = "StringNotEquals"
        variable = "s3:x-amz-server-side-encryption"
        values   = ["aws:kms"]
      }
      condition {
        test     = "Null"
        variable = "s3:x-amz-server-side-encryption"
        values   = ["false"]
      }
    }
  }

  # An object encrypted with another key would be unreadable for everyone the
  # key policy admits, so uploads naming a key must name this one (by ARN).
  dynamic "statement" {
    for_each = var.kms_key_arn == null ? [] : [1]
    content {
      sid    = "DenyWrongKmsKey"
      effect = "Deny"
      principals {
        type        = "AWS"
        identifiers = ["*"]
      }
      actions   = ["s3:PutObject"]
      resources = ["${local.bucket_arn}/*"]
      condition {
        test     = "StringNotEquals"
        variable = "s3:x-amz-server-side-encryption-aws-kms-key-id"
        values   = [var.kms_key_arn]
      }
      condition {
        test     = "Null"
        variable = "s3:x-amz-server-side-encryption-aws-kms-key-id"
        values   = ["false"]
      }
    }
  }
}

resource "aws_s3_bucket_policy" "this" {
  bucket = local.bucket.id
  policy = data.aws_iam_policy_document.this.json

  depends_on = [aws_s3_bucket_public_access_block.this]
}
