# Inbound mail: SES receiving (only in some regions, eu-west-1 here) stores
# each message in S3, then invokes the "live" alias of the mail-forwarder,
# which reads the message and sends it on through SES.

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  partition    = data.aws_partition.current.partition
  account_id   = data.aws_caller_identity.current.account_id
  region       = data.aws_region.current.name
  mail_domain  = split("@", var.from_address)[1]
  recipients   = length(var.recipients) > 0 ? var.recipients : [local.mail_domain]
  rule_name    = "store-and-forward"
  rule_arn     = "arn:${local.partition}:ses:${local.region}:${local.account_id}:receipt-rule-set/${var.rule_set_name}:receipt-rule/${local.rule_name}"
  bucket_arn   = "arn:${local.partition}:s3:::${var.bucket_name}"
  identity_arn = "arn:${local.partition}:ses:${local.region}:${local.account_id}:identity/${local.mail_domain}"

  # Where the function sends mail on; inside a receiving domain (this one's or
  # another environment's) it would come back to a forwarder: a loop.
  forward_to        = try(var.environment_variables["FORWARD_TO"], "")
  forward_domain    = lower(try(split("@", local.forward_to)[1], ""))
  receiving_domains = distinct(concat([lower(local.mail_domain)], [for d in var.receiving_domains : lower(d)]))
  forward_loops_into = [
    for d in local.receiving_domains : d
    if local.forward_domain == d || endswith(local.forward_domain, ".${d}")
  ]
}

# --- mail bucket -----------------------------------------------------------------

data "aws_iam_policy_document" "mail_bucket" {
  statement {
    sid    = "StoreBySesReceiptRule"
    effect = "Allow"
    principals {
      type        = "Service"
      identifiers = ["ses.amazonaws.com"]
    }
    actions   = ["s3:PutObject"]
    resources = ["${local.bucket_arn}/${var.object_prefix}*"]
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = [local.rule_arn]
    }
  }
}

module "mail_bucket" {
  source = "../private-bucket"

  bucket_name        = var.bucket_name
  versioning_enabled = false
  policy_documents   = [data.aws_iam_policy_document.mail_bucket.json]
  lifecycle_rules = [{
    id              = "expire-stored-mail"
    prefix          = var.object_prefix
    expiration_days = var.mail_retention_days
  }]
  tags = var.tags
}

# --- SES identity and DNS ------------------------------------------------------------

module "mail_domain" {
  source    = "../ses-domain"
  providers = { aws = aws, aws.dns = aws.dns }

  domain    = local.mail_domain
  zone_name = var.zone_name
  tags      = var.tags
}

resource "aws_route53_record" "mx" {
  provider = aws.dns

  zone_id = module.mail_domain.zone_id
  name    = local.mail_domain
  type    = "MX"
  ttl     = 3600
  records = ["10 inbound-smtp.${local.region}.amazonaws.com"]
}

# --- function ------------------------------------------------------------------------

data "aws_iam_policy_document" "function" {
  statement {
    sid       = "ReadStoredMail"
    effect    = "Allow"
    actions   = ["s3:GetObject"]
    resources = ["${local.bucket_arn}/${var.object_prefix}*"]
  }

  # SES v2 SendEmail with raw content is authorised as both actions.
  statement {
    sid       = "SendFromForwarderOnly"
    effect    = "Allow"
    actions   = ["ses:SendEmail", "ses:SendRawEmail"]
    resources = [local.identity_arn]
    condition {
      test     = "StringEquals"
      variable = "ses:FromAddress"
      values   = [var.from_address]
    }
  }
}

module "function" {
  source = "../lambda-function"

  function_name         = var.function_name
  alias_name            = var.alias_name
  environment_variables = var.environment_variables
  policy_name           = "mail-forwarder"
  policy_json           = data.aws_iam_policy_document.function.json
  placeholder_file      = "${path.module}/placeholder/index.mjs"
  timeout_seconds       = var.timeout_seconds
  tags                  = var.tags
}

resource "aws_lambda_permission" "ses" {
  statement_id   = "InvokedBySesReceiptRule"
  action         = "lambda:InvokeFunction"
  function_name  = module.function.function_name
  qualifier      = module.function.alias_name
  principal      = "ses.amazonaws.com"
  source_account = local.account_id
  source_arn     = local.rule_arn
}

# --- receipt rule ----------------------------------------------------------------------

resource "aws_ses_receipt_rule_set" "this" {
  rule_set_name = var.rule_set_name
}

resource "aws_ses_receipt_rule" "store_and_forward" {
  name          = local.rule_name
  rule_set_name = aws_ses_receipt_rule_set.this.rule_set_name
  recipients    = local.recipients
  enabled       = true
  scan_enabled  = true
  tls_policy    = "Require"

  s3_action {
    position          = 1
    bucket_name       = module.mail_bucket.name
    object_key_prefix = var.object_prefix
  }

  # Event: the forwarder's errors go to Lambda's asynchronous retries.
  lambda_action {
    position        = 2
    function_arn    = module.function.alias_arn
    invocation_type = "Event"
  }

  lifecycle {
    precondition {
      condition     = can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", local.forward_to)) && length(local.forward_loops_into) == 0
      error_message = "environment_variables.FORWARD_TO must be an email address outside every receiving domain (${join(", ", local.receiving_domains)}); mail forwarded into one comes back to a forwarder."
    }
  }

  # SES tests both permissions when the rule is created (the bucket policy is in module.mail_bucket).
  depends_on = [module.mail_bucket, aws_lambda_permission.ses]
}

resource "aws_ses_active_receipt_rule_set" "this" {
  count         = var.activate_rule_set ? 1 : 0
  rule_set_name = aws_ses_receipt_rule_set.this.rule_set_name

  depends_on = [aws_ses_receipt_rule.store_and_forward]
}
