# The contact form's back end: HTTP API route → the "live" alias of the
# contact-form function, which sends mail through SES from the sender domain.

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  partition     = data.aws_partition.current.partition
  account_id    = data.aws_caller_identity.current.account_id
  region        = data.aws_region.current.name
  sender_domain = split("@", var.sender_address)[1]
  identity_arn  = "arn:${local.partition}:ses:${local.region}:${local.account_id}:identity/${local.sender_domain}"
  route_path    = replace(var.route_key, " ", "")
}

# --- SES sending identity --------------------------------------------------------

data "aws_route53_zone" "mail" {
  provider     = aws.dns
  name         = var.zone_name
  private_zone = false
}

resource "aws_sesv2_email_identity" "sender" {
  email_identity = local.sender_domain
  tags           = var.tags
}

# Easy DKIM always issues three tokens; publishing them verifies the domain.
resource "aws_route53_record" "dkim" {
  provider = aws.dns
  count    = 3

  zone_id = data.aws_route53_zone.mail.zone_id
  name    = "${aws_sesv2_email_identity.sender.dkim_signing_attributes[0].tokens[count.index]}._domainkey.${local.sender_domain}"
  type    = "CNAME"
  ttl     = 1800
  records = ["${aws_sesv2_email_identity.sender.dkim_signing_attributes[0].tokens[count.index]}.dkim.amazonses.com"]
}

# --- function --------------------------------------------------------------------

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
    sid       = "SendFromSenderOnly"
    effect    = "Allow"
    actions   = ["ses:SendEmail"]
    resources = [local.identity_arn]
    condition {
      test     = "StringEquals"
      variable = "ses:FromAddress"
      values   = [var.sender_address]
    }
  }
}

resource "aws_iam_role_policy" "function" {
  name   = "contact-form"
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

  # ./build.sh Deploy owns the code from the first deploy on.
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

  # The deploy moves the alias to each version it publishes.
  lifecycle {
    ignore_changes = [function_version]
  }
}

# --- HTTP API ----------------------------------------------------------------------

resource "aws_apigatewayv2_api" "this" {
  name          = var.api_name
  protocol_type = "HTTP"

  cors_configuration {
    allow_origins = var.allowed_origins
    allow_methods = ["POST"]
    allow_headers = ["content-type"]
    max_age       = 300
  }

  tags = var.tags
}

resource "aws_apigatewayv2_integration" "contact_form" {
  api_id                 = aws_apigatewayv2_api.this.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_alias.live.invoke_arn
  payload_format_version = "2.0"
  timeout_milliseconds   = var.timeout_seconds * 1000
}

resource "aws_apigatewayv2_route" "contact" {
  api_id    = aws_apigatewayv2_api.this.id
  route_key = var.route_key
  target    = "integrations/${aws_apigatewayv2_integration.contact_form.id}"
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.this.id
  name        = "$default"
  auto_deploy = true

  default_route_settings {
    throttling_rate_limit  = var.throttling_rate_limit
    throttling_burst_limit = var.throttling_burst_limit
  }

  tags = var.tags
}

resource "aws_lambda_permission" "api" {
  statement_id  = "InvokedByContactRoute"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this.function_name
  qualifier     = aws_lambda_alias.live.name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.this.execution_arn}/*/${local.route_path}"
}
