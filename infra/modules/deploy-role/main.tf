# The role ./build.sh Deploy assumes in a target account. It may do exactly
# what Deploy does, on exactly this environment's resources.

data "aws_partition" "current" {}

locals {
  partition       = data.aws_partition.current.partition
  role_name       = element(split("/", var.role_arn), 1)
  trusted_roles   = concat([var.build_role_arn], var.additional_trusted_role_arns)
  trusted_roots   = [for id in distinct([for arn in local.trusted_roles : split(":", arn)[4]]) : "arn:${local.partition}:iam::${id}:root"]
  site_bucket_arn = "arn:${local.partition}:s3:::${var.site_bucket_name}"
  # Versions and aliases are addressed as <function ARN>:<qualifier>.
  function_resources = flatten([for arn in var.function_arns : [arn, "${arn}:*"]])
}

# The principal element is the trusted role's account because IAM rejects a
# trust policy naming a role that does not exist yet and silently detaches a
# recreated one; aws:PrincipalArn admits exactly the listed role ARNs.
data "aws_iam_policy_document" "trust" {
  statement {
    sid     = "AssumedByBuildRoleOnly"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = local.trusted_roots
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:PrincipalArn"
      values   = local.trusted_roles
    }
    dynamic "condition" {
      for_each = var.external_id == null ? [] : [var.external_id]
      content {
        test     = "StringEquals"
        variable = "sts:ExternalId"
        values   = [condition.value]
      }
    }
  }
}

resource "aws_iam_role" "this" {
  name                 = local.role_name
  description          = "Assumed by the build to deploy the site and functions"
  assume_role_policy   = data.aws_iam_policy_document.trust.json
  max_session_duration = var.max_session_duration_seconds
  tags                 = var.tags
}

data "aws_iam_policy_document" "deploy" {
  statement {
    sid       = "ListSiteBucket"
    effect    = "Allow"
    actions   = ["s3:ListBucket"]
    resources = [local.site_bucket_arn]
  }

  statement {
    sid       = "SyncSiteObjects"
    effect    = "Allow"
    actions   = ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"]
    resources = ["${local.site_bucket_arn}/*"]
  }

  statement {
    sid    = "UpdateFunctions"
    effect = "Allow"
    actions = [
      "lambda:CreateAlias",
      "lambda:GetAlias",
      "lambda:GetFunction",
      "lambda:GetFunctionConfiguration",
      "lambda:PublishVersion",
      "lambda:UpdateAlias",
      "lambda:UpdateFunctionCode",
    ]
    resources = local.function_resources
  }

  statement {
    sid    = "InvalidateDistribution"
    effect = "Allow"
    actions = [
      "cloudfront:CreateInvalidation",
      "cloudfront:GetDistribution",
      "cloudfront:GetInvalidation",
    ]
    resources = [var.distribution_arn]
  }

  # The release switch: read the live release and the store's ETag, write the
  # next one (PutKey/UpdateKeys name that ETag). The data plane's own actions;
  # the control plane's cloudfront:*KeyValueStore actions are not needed.
  statement {
    sid    = "SwitchRelease"
    effect = "Allow"
    actions = [
      "cloudfront-keyvaluestore:DescribeKeyValueStore",
      "cloudfront-keyvaluestore:GetKey",
      "cloudfront-keyvaluestore:ListKeys",
      "cloudfront-keyvaluestore:PutKey",
      "cloudfront-keyvaluestore:UpdateKeys",
    ]
    resources = [var.key_value_store_arn]
  }

  # Rollback finds a stored version by listing its prefix in each store.
  statement {
    sid       = "ListArtifacts"
    effect    = "Allow"
    actions   = ["s3:ListBucket"]
    resources = [for store in values(var.artifact_stores) : "arn:${local.partition}:s3:::${store.bucket}"]
  }

  # Function code is read from the artifact store of the function's region,
  # by Lambda on this role's behalf, so the role needs read and decrypt.
  statement {
    sid       = "ReadArtifacts"
    effect    = "Allow"
    actions   = ["s3:GetObject"]
    resources = [for store in values(var.artifact_stores) : "arn:${local.partition}:s3:::${store.bucket}/*"]
  }

  statement {
    sid       = "DecryptArtifacts"
    effect    = "Allow"
    actions   = ["kms:Decrypt"]
    resources = [for store in values(var.artifact_stores) : store.kms_key_arn]
  }
}

resource "aws_iam_role_policy" "deploy" {
  name   = "deploy"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.deploy.json
}
