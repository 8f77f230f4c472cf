variable "name" {
  description = "Name of the role."
  type        = string
}

variable "service" {
  description = "Service principal that assumes the role, e.g. lambda.amazonaws.com."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9-]+\\.amazonaws\\.com$", var.service))
    error_message = "service must be a service principal such as lambda.amazonaws.com."
  }
}

variable "source_arns" {
  description = "The resources the service assumes the role for (aws:SourceArn), e.g. the function's or the CodeBuild project's ARN, built from names so the role need not wait for them."
  type        = list(string)

  validation {
    condition     = length(var.source_arns) > 0 && alltrue([for arn in var.source_arns : can(regex("^arn:aws[a-z-]*:[a-z0-9-]+:", arn))])
    error_message = "source_arns must list at least one ARN: a service role is assumed for named resources only."
  }
}

variable "policy_name" {
  description = "Name of the role's inline policy."
  type        = string
}

variable "policy_json" {
  description = "The role's permissions: the JSON of an aws_iam_policy_document (the infra checks read its statements there)."
  type        = string
}

variable "tags" {
  description = "Tags added to every resource, on top of the provider's default tags."
  type        = map(string)
  default     = {}
}
