variable "bucket_name" {
  description = "Name of the artifact bucket in this region (artifactStores.<store>.regions.<region>.bucket in environments.json)."
  type        = string
}

variable "kms_alias" {
  description = "Alias of the customer-managed key, with the alias/ prefix (artifactStores.<store>.regions.<region>.kmsKey)."
  type        = string

  validation {
    condition     = startswith(var.kms_alias, "alias/") && !startswith(var.kms_alias, "alias/aws/")
    error_message = "kms_alias must start with alias/ and must not be an AWS-reserved alias/aws/ name."
  }
}

variable "writer_role_arns" {
  description = "Roles that write and read artifacts (the pipelines' and builds' service roles), by role ARN."
  type        = list(string)

  validation {
    condition     = alltrue([for arn in var.writer_role_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/", arn))])
    error_message = "writer_role_arns must be IAM role ARNs (arn:aws:iam::<account>:role/<name>)."
  }
}

variable "reader_role_arns" {
  description = "Roles in the target accounts that read and decrypt artifacts (the environments' deploy roles), by role ARN."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.reader_role_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/", arn))])
    error_message = "reader_role_arns must be IAM role ARNs (arn:aws:iam::<account>:role/<name>)."
  }
}

variable "artifact_retention_days" {
  description = "Days after which an artifact object expires. Rollback can only go back this far."
  type        = number
  default     = 180
}

variable "noncurrent_version_retention_days" {
  description = "Days a replaced or deleted object version is kept before it is removed."
  type        = number
  default     = 30
}

variable "key_deletion_window_days" {
  description = "Waiting period, in days, before a scheduled key deletion takes effect."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags added to every resource, on top of the provider's default tags."
  type        = map(string)
  default     = {}
}
