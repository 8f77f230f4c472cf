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

module "sender_domain" {
  source    = "../ses-domain"
  providers = { aws = aws, aws.dns = aws.dns }

  domain    = local.sender_domain
  zone_name = var.zone_name
  tags      = var.tags
}

# --- function --------------------------------------------------------------------

data "aws_iam_policy_document" "function" {
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

module "function" {
  source = "../lambda-function"

  function_name         = var.function_name
  alias_name            = var.alias_name
  environment_variables = var.environment_variables
  policy_name           = "contact-form"
  policy_json           = data.aws_iam_policy_document.function.json
  placeholder_file      = "${path.module}/placeholder/index.mjs"
  timeout_seconds       = var.timeout_seconds
  tags                  = var.tags
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
  integration_uri        = module.function.alias_invoke_arn
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
  function_name = module.function.function_name
  qualifier     = module.function.alias_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.this.execution_arn}/*/${local.route_path}"
}
