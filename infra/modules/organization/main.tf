# The organisation (management account): its member accounts and the group of
# people who may switch into exactly those accounts' access role; the
# organisation trail into a locked bucket, the budget alarm, and the SCPs.

data "aws_partition" "current" {}
data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

resource "aws_organizations_organization" "this" {
  feature_set                   = "ALL"
  aws_service_access_principals = var.service_access_principals
  enabled_policy_types          = ["SERVICE_CONTROL_POLICY"]

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_organizations_account" "member" {
  for_each = var.member_accounts

  name                       = each.key
  email                      = each.value.email
  role_name                  = var.access_role_name
  iam_user_access_to_billing = "DENY"
  close_on_deletion          = false
  tags                       = var.tags

  # AWS does not report role_name back, and closing an account by accident
  # must be impossible.
  lifecycle {
    prevent_destroy = true
    ignore_changes  = [role_name]
  }

  depends_on = [aws_organizations_organization.this]
}

locals {
  access_role_arns = {
    for name, account in aws_organizations_account.member :
    name => "arn:${data.aws_partition.current.partition}:iam::${account.id}:role/${var.access_role_name}"
  }
}

resource "aws_iam_group" "admins" {
  name = var.admin_group_name
}

data "aws_iam_policy_document" "switch_into_members" {
  statement {
    sid       = "AssumeMemberAccessRole"
    effect    = "Allow"
    actions   = ["sts:AssumeRole"]
    resources = values(local.access_role_arns)

    dynamic "condition" {
      for_each = var.require_mfa ? [1] : []
      content {
        test     = "Bool"
        variable = "aws:MultiFactorAuthPresent"
        values   = ["true"]
      }
    }
  }
}

resource "aws_iam_group_policy" "switch_into_members" {
  name   = "switch-into-member-accounts"
  group  = aws_iam_group.admins.name
  policy = data.aws_iam_policy_document.switch_into_members.json
}

# --- organisation trail ----------------------------------------------------------

locals {
  partition     = data.aws_partition.current.partition
  management_id = data.aws_caller_identity.current.account_id
  trail_arn     = "arn:${local.partition}:cloudtrail:${data.aws_region.current.name}:${local.management_id}:trail/${var.trail_name}"
  trail_bucket  = "arn:${local.partition}:s3:::${var.trail_bucket_name}"
  organization  = aws_organizations_organization.this.id
  budget_arn    = "arn:${local.partition}:budgets::${local.management_id}:budget/${var.budget_name}"
  # The actions that change a CodeCommit branch, as the pipelines' own deny lists them (one file, two readers).
  codecommit_branch_changes = jsondecode(file("${path.module}/../pipeline/codecommit-branch-changes.json"))
}

# CloudTrail writes the organisation's logs (AWSLogs/<management id>/ and
# AWSLogs/<organisation id>/) for this trail only; nobody deletes or rewrites
# a log object (expiry is the lifecycle rule's, which S3 applies itself).
data "aws_iam_policy_document" "trail_bucket" {
  statement {
    sid    = "TrailChecksAcl"
    effect = "Allow"
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    actions   = ["s3:GetBucketAcl"]
    resources = [local.trail_bucket]
    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }

  statement {
    sid    = "TrailWritesLogs"
    effect = "Allow"
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    actions   = ["s3:PutObject"]
    resources = ["${local.trail_bucket}/AWSLogs/${local.management_id}/*", "${local.trail_bucket}/AWSLogs/${local.organization}/*"]
    condition {
      test     = "StringEquals"
      variable = "s3:x-amz-acl"
      values   = ["bucket-owner-full-control"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }

  statement {
    sid    = "LogsAreNeverDeleted"
    effect = "Deny"
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions   = ["s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutObjectAcl", "s3:PutObjectVersionAcl"]
    resources = ["${local.trail_bucket}/*"]
  }
}

module "trail_bucket" {
  source = "../private-bucket"

  bucket_name        = var.trail_bucket_name
  versioning_enabled = true
  prevent_destroy    = true
  policy_documents   = [data.aws_iam_policy_document.trail_bucket.json]
  lifecycle_rules = [{
    id                                 = "expire-old-logs"
    expiration_days                    = var.trail_retention_days
    noncurrent_version_expiration_days = var.trail_retention_days
  }]
  tags = var.tags
}

resource "aws_cloudtrail" "organization" {
  name                          = var.trail_name
  s3_bucket_name                = module.trail_bucket.name
  is_organization_trail         = true
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  tags                          = var.tags

  # CloudTrail tests the bucket policy when the trail is created, and needs trusted access in the organisation.
  depends_on = [module.trail_bucket, aws_organizations_organization.this]
}

# --- budget alarm ----------------------------------------------------------------

resource "aws_sns_topic" "budget" {
  name              = var.budget_topic_name
  kms_master_key_id = "alias/aws/sns"
  tags              = var.tags
}

data "aws_iam_policy_document" "budget_topic" {
  statement {
    sid    = "BudgetPublishes"
    effect = "Allow"
    principals {
      type        = "Service"
      identifiers = ["budgets.amazonaws.com"]
    }
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.budget.arn]
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.management_id]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = [local.budget_arn]
    }
  }
}

resource "aws_sns_topic_policy" "budget" {
  arn    = aws_sns_topic.budget.arn
  policy = data.aws_iam_policy_document.budget_topic.json
}

resource "aws_sns_topic_subscription" "budget" {
  for_each = toset(var.budget_alarm_emails)

  topic_arn = aws_sns_topic.budget.arn
  protocol  = "email"
  endpoint  = each.value
}

# The whole organisation's cost (the management account pays for all members).
resource "aws_budgets_budget" "monthly" {
  name         = var.budget_name
  budget_type  = "COST"
  limit_amount = tostring(var.monthly_budget_usd)
  limit_unit   = "USD"
  time_unit    = "MONTHLY"
  tags         = var.tags

  dynamic "notification" {
    for_each = { ACTUAL = 80, FORECASTED = 100 }
    content {
      comparison_operator       = "GREATER_THAN"
      threshold                 = notification.value
      threshold_type            = "PERCENTAGE"
      notification_type         = notification.key
      subscriber_sns_topic_arns = [aws_sns_topic.budget.arn]
    }
  }

  depends_on = [aws_sns_topic_policy.budget]
}

# --- service control policies (every member account; never the management account) ---

data "aws_iam_policy_document" "scp_leave_organization" {
  statement {
    sid       = "NoLeavingTheOrganisation"
    effect    = "Deny"
    actions   = ["organizations:LeaveOrganization"]
    resources = ["*"]
  }
}

# Global services answer in us-east-1 (or regardless of region); everything else only in allowed_regions.
data "aws_iam_policy_document" "scp_allowed_regions" {
  statement {
    sid    = "OnlyAllowedRegions"
    effect = "Deny"
    not_actions = [
      "budgets:*",
      "ce:*",
      "cloudfront:*",
      "health:*",
      "iam:*",
      "organizations:*",
      "route53:*",
      "route53domains:*",
      "sts:*",
      "support:*",
    ]
    resources = ["*"]
    condition {
      test     = "StringNotEquals"
      variable = "aws:RequestedRegion"
      values   = var.allowed_regions
    }
  }
}

# The deploy roles and the trail stay as Terraform made them: only the access
# role Terragrunt assumes changes them.
data "aws_iam_policy_document" "scp_protect_deploy_roles_and_trail" {
  statement {
    sid    = "DeployRolesUnchanged"
    effect = "Deny"
    actions = [
      "iam:AttachRolePolicy",
      "iam:DeleteRole",
      "iam:DeleteRolePermissionsBoundary",
      "iam:DeleteRolePolicy",
      "iam:DetachRolePolicy",
      "iam:PutRolePermissionsBoundary",
      "iam:PutRolePolicy",
      "iam:UpdateAssumeRolePolicy",
      "iam:UpdateRole",
    ]
    resources = var.deploy_role_arns
    condition {
      test     = "ArnNotLike"
      variable = "aws:PrincipalArn"
      values   = ["arn:${local.partition}:iam::*:role/${var.access_role_name}"]
    }
  }

  statement {
    sid       = "TrailsKeepLogging"
    effect    = "Deny"
    actions   = ["cloudtrail:DeleteTrail", "cloudtrail:PutEventSelectors", "cloudtrail:StopLogging", "cloudtrail:UpdateTrail"]
    resources = ["*"]
  }
}

# The way to production, for people too (the pipelines' roles deny the same in
# their own policies): a build project starts only from its own pipeline, and
# only the release roles change the protected branches.
data "aws_iam_policy_document" "scp_way_to_production" {
  dynamic "statement" {
    for_each = var.guarded_builds
    content {
      sid       = "OnlyItsPipelineStarts${replace(title(statement.key), "-", "")}Build"
      effect    = "Deny"
      actions   = ["codebuild:StartBuild", "codebuild:StartBuildBatch", "codebuild:RetryBuild", "codebuild:RetryBuildBatch"]
      resources = [statement.value.build_project_arn]
      condition {
        test     = "ArnNotEquals"
        variable = "aws:PrincipalArn"
        values   = [statement.value.pipeline_role_arn]
      }
    }
  }

  # CodeCommit only: a repository on GitHub, GitLab or Bitbucket is protected by its host's branch rules.
  dynamic "statement" {
    for_each = var.repository_arn != null && length(var.protected_branches) > 0 ? [var.repository_arn] : []
    content {
      sid       = "OnlyReleaseRolesChangeProtectedBranches"
      effect    = "Deny"
      actions   = local.codecommit_branch_changes
      resources = [statement.value]
      condition {
        test     = "ForAnyValue:StringEquals"
        variable = "codecommit:References"
        values   = [for branch in var.protected_branches : "refs/heads/${branch}"]
      }
      condition {
        test     = "ArnNotEquals"
        variable = "aws:PrincipalArn"
        values   = var.release_role_arns
      }
    }
  }
}

locals {
  service_control_policies = {
    leave-organization             = { description = "Member accounts cannot leave the organisation.", json = data.aws_iam_policy_document.scp_leave_organization.json }
    allowed-regions                = { description = "Regional services only in the regions environments.json uses, plus us-east-1.", json = data.aws_iam_policy_document.scp_allowed_regions.json }
    way-to-production              = { description = "A build starts only from its pipeline; only release roles change the protected branches.", json = data.aws_iam_policy_document.scp_way_to_production.json }
    protect-deploy-roles-and-trail = { description = "Deploy roles change only through Terragrunt's access role; trails keep logging.", json = data.aws_iam_policy_document.scp_protect_deploy_roles_and_trail.json }
  }
}

resource "aws_organizations_policy" "scp" {
  for_each = local.service_control_policies

  name        = "${var.scp_name_prefix}-${each.key}"
  description = each.value.description
  type        = "SERVICE_CONTROL_POLICY"
  content     = each.value.json
  tags        = var.tags
}

resource "aws_organizations_policy_attachment" "scp" {
  for_each = local.service_control_policies

  policy_id = aws_organizations_policy.scp[each.key].id
  target_id = aws_organizations_organization.this.roots[0].id
}
