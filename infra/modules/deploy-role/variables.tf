variable "role_arn" {
  description = "The environment's deployRole ARN from environments.json; the module creates the role with this name in the current account."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_-]+$", var.role_arn))
    error_message = "role_arn must be an IAM role ARN without a path."
  }
}

variable "build_role_arn" {
  description = "The build role (shared services) that may assume this role; trusted by exact ARN."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/", var.build_role_arn))
    error_message = "build_role_arn must be an IAM role ARN."
  }
}

variable "additional_trusted_role_arns" {
  description = "Further roles that may assume this role, by exact ARN (for example an operator role used for ./build.sh Deploy from a workstation). Empty by default."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.additional_trusted_role_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/", arn))])
    error_message = "additional_trusted_role_arns must be IAM role ARNs."
  }
}

variable "external_id" {
  description = "External id the caller must pass to AssumeRole (environments.json externalId), or null for none."
  type        = string
  default     = null
}

variable "site_bucket_name" {
  description = "The environment's site bucket (site.bucket)."
  type        = string
}

variable "distribution_arn" {
  description = "ARN of the environment's CloudFront distribution."
  type        = string
}

variable "key_value_store_arn" {
  description = "ARN of the site's release-switch KeyValueStore (static-site's key_value_store_arn): the deploy promotes a release by writing it."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:cloudfront::[0-9]{12}:key-value-store/[A-Za-z0-9-]+$", var.key_value_store_arn))
    error_message = "key_value_store_arn must be a CloudFront KeyValueStore ARN (arn:aws:cloudfront::<account>:key-value-store/<id>)."
  }
}

variable "function_arns" {
  description = "Unqualified ARNs of the functions the deploy updates (one per entry in the environment's functions)."
  type        = list(string)

  validation {
    condition     = alltrue([for arn in var.function_arns : can(regex("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]+$", arn))])
    error_message = "function_arns must be unqualified Lambda function ARNs."
  }
}

variable "artifact_stores" {
  description = "Artifact stores by region (bucket and KMS key ARN) the deploy reads artifacts from."
  type = map(object({
    bucket      = string
    kms_key_arn = string
  }))
}

variable "max_session_duration_seconds" {
  description = "Longest session the deploy may ask for."
  type        = number
  default     = 3600
}

variable "tags" {
  description = "Tags added to every resource, on top of the provider's default tags."
  type        = map(string)
  default     = {}
}
