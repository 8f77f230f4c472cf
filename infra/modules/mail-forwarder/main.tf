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
}

# --- mail bucket -----------------------------------------------------------------

resource "aws_s3_bucket" "mail" {
  bucket = var.bucket_name
  tags   = var.tags
}

resource "aws_s3_bucket_ownership_controls" "mail" {
  bucket = aws_s3_bucket.mail.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "mail" {
  bucket                  = aws_s3_bucket.mail.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "mail" {
  bucket = aws_s3_bucket.mail.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "mail" {
  bucket = aws_s3_bucket.mail.id

  rule {
    id     = "expire-stored-mail"
    status = "Enabled"
    filter {
      prefix = var.object_prefix
    }
    expiration {
      days = var.mail_retention_days
    }
  }
}

data "aws_iam_policy_document" "mail_bucket" {
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

resource "aws_s3_bucket_policy" "mail" {
  bucket = aws_s3_bucket.mail.id
  policy = data.aws_iam_policy_document.mail_bucket.json

  depends_on = [aws_s3_bucket_public_access_block.mail]
}

# --- SES identity and DNS ------------------------------------------------------------

data "aws_route53_zone" "mail" {
  provider     = aws.dns
  name         = var.zone_name
  private_zone = false
}

resource "aws_sesv2_email_identity" "domain" {
  email_identity = local.mail_domain
  tags           = var.tags
}

resource "aws_route53_record" "dkim" {
  provider = aws.dns
  count    = 3

  zone_id = data.aws_route53_zone.mail.zone_id
  name    = "${aws_sesv2_email_identity.domain.dkim_signing_attributes[0].tokens[count.index]}._domainkey.${local.mail_domain}"
  type    = "CNAME"
  ttl     = 1800
  records = ["${aws_sesv2_email_identity.domain.dkim_signing_attributes[0].tokens[count.index]}.dkim.amazonses.com"]
}

resource "aws_route53_record" "mx" {
  provider = aws.dns

  zone_id = data.aws_route53_zone.mail.zone_id
  name    = local.mail_domain
  type    = "MX"
  ttl     = 3600
  records = ["10 inbound-smtp.${local.region}.amazonaws.com"]
}

# --- function ------------------------------------------------------------------------

data "aws_iam_policy_document" "function_trust" {
  statement {
    sid     = "AssumedByLambda"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "function" {
  name               = var.function_name
  assume_role_policy = data.aws_iam_policy_document.function_trust.json
  tags               = var.tags
}

resource "aws_cloudwatch_log_group" "function" {
  name              = "/aws/lambda/${var.function_name}"
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

data "aws_iam_policy_document" "function" {
  statement {
    sid       = "WriteLogs"
    effect    = "Allow"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.function.arn}:*"]
  }

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

resource "aws_iam_role_policy" "function" {
  name   = "mail-forwarder"
  role   = aws_iam_role.function.id
  policy = data.aws_iam_policy_document.function.json
}

data "archive_file" "placeholder" {
  type        = "zip"
  source_file = "${path.module}/placeholder/index.mjs"
  output_path = "${path.root}/.placeholder-${var.function_name}.zip"
}

resource "aws_lambda_function" "this" {
  function_name    = var.function_name
  role             = aws_iam_role.function.arn
  runtime          = var.runtime
  handler          = var.handler
  memory_size      = var.memory_size
  timeout          = var.timeout_seconds
  filename         = data.archive_file.placeholder.output_path
  source_code_hash = data.archive_file.placeholder.output_base64sha256
  publish          = true

  environment {
    variables = var.environment_variables
  }

  lifecycle {
    ignore_changes = [filename, source_code_hash, s3_bucket, s3_key, s3_object_version]
  }

  depends_on = [aws_cloudwatch_log_group.function, aws_iam_role_policy.function]
  tags       = var.tags
}

resource "aws_lambda_alias" "live" {
  name             = var.alias_name
  function_name    = aws_lambda_function.this.function_name
  function_version = aws_lambda_function.this.version

  lifecycle {
    ignore_changes = [function_version]
  }
}

resource "aws_lambda_permission" "ses" {
  statement_id   = "InvokedBySesReceiptRule"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.this.function_name
  qualifier      = aws_lambda_alias.live.name
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
    bucket_name       = aws_s3_bucket.mail.id
    object_key_prefix = var.object_prefix
  }

  # Event: the forwarder's errors go to Lambda's asynchronous retries.
  lambda_action {
    position        = 2
    function_arn    = aws_lambda_alias.live.arn
    invocation_type = "Event"
  }

  # SES tests both permissions when the rule is created.
  depends_on = [aws_s3_bucket_policy.mail, aws_lambda_permission.ses]
}

resource "aws_ses_active_receipt_rule_set" "this" {
  count         = var.activate_rule_set ? 1 : 0
  rule_set_name = aws_ses_receipt_rule_set.this.rule_set_name

  depends_on = [aws_ses_receipt_rule.store_and_forward]
}
