# The organisation (management account): its member accounts and the group of
# people who may switch into exactly those accounts' access role.

data "aws_partition" "current" {}

resource "aws_organizations_organization" "this" {
  feature_set                   = "ALL"
  aws_service_access_principals = var.service_access_principals

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
