# A function as ./build.sh Deploy expects it: placeholder code on the first
# apply, a log group, an execution role that may write to that log group plus
# the caller's grants, and an alias the deploy moves to each published version.

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

module "role" {
  source = "../service-role"

  name    = var.function_name
  service = "lambda.amazonaws.com"
  # Lambda assumes the role for this function only (built from its name: the function needs the role first).
  source_arns = ["arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:function:${var.function_name}"]
  policy_name = var.policy_name
  policy_json = data.aws_iam_policy_document.this.json
  tags        = var.tags
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/${var.function_name}"
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

data "aws_iam_policy_document" "this" {
  source_policy_documents = [var.policy_json]

  statement {
    sid       = "WriteLogs"
    effect    = "Allow"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.this.arn}:*"]
  }
}

data "archive_file" "placeholder" {
  type        = "zip"
  source_file = var.placeholder_file
  output_path = "${path.root}/.placeholder-${var.function_name}.zip"
}

resource "aws_lambda_function" "this" {
  function_name    = var.function_name
  role             = module.role.arn
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

  # The log group first, so Lambda does not create it without retention; the
  # role's policy first, so the first invocation may already log.
  depends_on = [aws_cloudwatch_log_group.this, module.role]
  tags       = var.tags
}

resource "aws_lambda_alias" "this" {
  name             = var.alias_name
  function_name    = aws_lambda_function.this.function_name
  function_version = aws_lambda_function.this.version

  # The deploy moves the alias to each version it publishes.
  lifecycle {
    ignore_changes = [function_version]
  }
}
