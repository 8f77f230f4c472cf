variable "bucket_name" {
  description = "Name of the bucket."
  type        = string
}

variable "policy_documents" {
  description = "The caller's grants on the bucket, as aws_iam_policy_document JSON; merged under this module's deny statements, which win over a statement with the same sid."
  type        = list(string)
  default     = []
}

variable "sse_algorithm" {
  description = "Default encryption: AES256 (S3-managed keys) or aws:kms (kms_key_arn, or the AWS-managed aws/s3 key when that is null)."
  type        = string
  default     = "AES256"

  validation {
    condition     = contains(["AES256", "aws:kms"], var.sse_algorithm)
    error_message = "sse_algorithm must be AES256 or aws:kms."
  }
}

variable "kms_key_arn" {
  description = "ARN of the customer-managed key for default SSE-KMS, or null. When set, the policy also denies uploads that name another encryption or another key; uploads naming none are encrypted with this key by default."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), not an alias."
  }
}

variable "bucket_key_enabled" {
  description = "Whether SSE-KMS uses an S3 bucket key (far fewer KMS requests); only meaningful with sse_algorithm = aws:kms."
  type        = bool
  default     = false
}

variable "versioning_enabled" {
  description = "Whether object versioning is on."
  type        = bool
  default     = true
}

variable "lifecycle_rules" {
  description = "Lifecycle rules, each enabled: id, optional key prefix, and days after which objects expire, replaced versions expire and incomplete multipart uploads are aborted (null: not at all)."
  type = list(object({
    id                                     = string
    prefix                                 = optional(string)
    expiration_days                        = optional(number)
    noncurrent_version_expiration_days     = optional(number)
    abort_incomplete_multipart_upload_days = optional(number)
  }))
  default = []
}

variable "prevent_destroy" {
  description = "Whether Terraform refuses to destroy the bucket (for buckets that outlive their unit, such as Terraform state)."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags added to every resource, on top of the provider's default tags."
  type        = map(string)
  default     = {}
}
