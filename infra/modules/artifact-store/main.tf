# One regional artifact store: a customer-managed KMS key and the bucket it
# encrypts. CodePipeline, CodeBuild and the deploy roles in other accounts need
# the key ARN (aliases do not work across accounts), so the key ARN is the
# module's main output.

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  partition    = data.aws_partition.current.partition
  account_id   = data.aws_caller_identity.current.account_id
  bucket_arn   = "arn:${local.partition}:s3:::${var.bucket_name}"
  writer_roots = [for id in distinct([for arn in var.writer_role_arns : split(":", arn)[4]]) : "arn:${local.partition}:iam::${id}:root"]
  reader_roots = [for id in distinct([for arn in var.reader_role_arns : split(":", arn)[4]]) : "arn:${local.partition}:iam::${id}:root"]
  has_readers  = length(var.reader_role_arns) > 0
  via_s3       = "s3.${data.aws_region.current.name}.amazonaws.com"
  s3_contexts  = [local.bucket_arn, "${local.bucket_arn}/*"]
}

resource "aws_kms_key" "this" {
  description             = "Artifacts in ${var.bucket_name}"
  enable_key_rotation     = true
  deletion_window_in_days = var.key_deletion_window_days
  policy                  = data.aws_iam_policy_document.key.json
  tags                    = var.tags
}

resource "aws_kms_alias" "this" {
  name          = var.kms_alias
  target_key_id = aws_kms_key.this.key_id
}

# Grants name each role by ARN in an aws:PrincipalArn condition. The principal
# element is the role's account because KMS rejects a policy naming a role that
# does not exist yet (the deploy roles are created after this key) and silently
# breaks when a named role is recreated; the condition still admits exactly the
# listed roles, and their own IAM policies must allow the action as well.
data "aws_iam_policy_document" "key" {
  # The statement AWS requires so the key can never become unmanageable. It
  # lists administrative actions only: no Encrypt, Decrypt or GenerateDataKey.
  statement {
    sid    = "KeyAdministration"
    effect = "Allow"
    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
    actions = [
      "kms:CancelKeyDeletion",
      "kms:CreateAlias",
      "kms:DeleteAlias",
      "kms:DescribeKey",
      "kms:DisableKey",
      "kms:EnableKey",
      "kms:EnableKeyRotation",
      "kms:GetKeyPolicy",
      "kms:GetKeyRotationStatus",
      "kms:ListGrants",
      "kms:ListResourceTags",
      "kms:PutKeyPolicy",
      "kms:RevokeGrant",
      "kms:ScheduleKeyDeletion",
      "kms:TagResource",
      "kms:UntagResource",
      "kms:UpdateAlias",
      "kms:UpdateKeyDescription",
    ]
    resources = ["*"]
  }

  # Data keys only through S3 (kms:ViaService) and only for this bucket's objects
  # (with a bucket key the encryption context is the bucket's ARN, without one
  # the object's): the key encrypts nothing else, not even for its own writers.
  statement {
    sid    = "EncryptDecryptByPipelineAndBuildRoles"
    effect = "Allow"
    principals {
      type        = "AWS"
      identifiers = local.writer_roots
    }
    actions = [
      "kms:Decrypt",
      "kms:Encrypt",
      "kms:GenerateDataKey",
    ]
    resources = ["*"]
    condition {
      test     = "ArnEquals"
      variable = "aws:PrincipalArn"
      values   = var.writer_role_arns
    }
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = [local.via_s3]
    }
    condition {
      test     = "StringLike"
      variable = "kms:EncryptionContext:aws:s3:arn"
      values   = local.s3_contexts
    }
  }

  # kms:DescribeKey (the build resolves the alias before every upload) needs no
  # grant of its own: the writers are in this account, and KeyAdministration
  # delegates it to their IAM policies.

  dynamic "statement" {
    for_each = local.has_readers ? [1] : []
    content {
      sid    = "DecryptByDeployRoles"
      effect = "Allow"
      principals {
        type        = "AWS"
        identifiers = local.reader_roots
      }
      actions   = ["kms:Decrypt"]
      resources = ["*"]
      condition {
        test     = "ArnEquals"
        variable = "aws:PrincipalArn"
        values   = var.reader_role_arns
      }
      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = [local.via_s3]
      }
      condition {
        test     = "StringLike"
        variable = "kms:EncryptionContext:aws:s3:arn"
        values   = local.s3_contexts
      }
    }
  }
}

# Deploy roles read and list artifacts; the denies (TLS, SSE-KMS with this key only)
# come with the private-bucket module.
data "aws_iam_policy_document" "bucket" {
  # What is in this store is what the environment deploys: nobody but its
  # writers puts or deletes objects, whatever their own IAM policies allow (an
  # administrator of this account, another environment's build role).
  statement {
    sid    = "DenyWritesByOthers"
    effect = "Deny"
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    actions   = ["s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutObject"]
    resources = ["${local.bucket_arn}/*"]
    condition {
      test     = "ArnNotEquals"
      variable = "aws:PrincipalArn"
      values   = var.writer_role_arns
    }
  }

  dynamic "statement" {
    for_each = local.has_readers ? [1] : []
    content {
      sid    = "ReadByDeployRoles"
      effect = "Allow"
      principals {
        type        = "AWS"
        identifiers = local.reader_roots
      }
      actions   = ["s3:GetObject"]
      resources = ["${local.bucket_arn}/*"]
      condition {
        test     = "ArnEquals"
        variable = "aws:PrincipalArn"
        values   = var.reader_role_arns
      }
    }
  }

  # Rollback lists a version's prefix to find what was stored for it.
  dynamic "statement" {
    for_each = local.has_readers ? [1] : []
    content {
      sid    = "ListByDeployRoles"
      effect = "Allow"
      principals {
        type        = "AWS"
        identifiers = local.reader_roots
      }
      actions   = ["s3:ListBucket"]
      resources = [local.bucket_arn]
      condition {
        test     = "ArnEquals"
        variable = "aws:PrincipalArn"
        values   = var.reader_role_arns
      }
    }
  }
}

module "bucket" {
  source = "../private-bucket"

  bucket_name        = var.bucket_name
  sse_algorithm      = "aws:kms"
  kms_key_arn        = aws_kms_key.this.arn
  bucket_key_enabled = true
  policy_documents   = [data.aws_iam_policy_document.bucket.json]
  lifecycle_rules = [{
    id                                     = "expire-old-artifacts"
    expiration_days                        = var.artifact_retention_days
    noncurrent_version_expiration_days     = var.noncurrent_version_retention_days
    abort_incomplete_multipart_upload_days = 7
  }]
  tags = var.tags
}
