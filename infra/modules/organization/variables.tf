variable "member_accounts" {
  description = "Member accounts by logical name (the keys of accounts in environments.json, without the management account): the root email of each."
  type = map(object({
    email = string
  }))
}

variable "access_role_name" {
  description = "Role AWS Organizations creates in each new member account for administrators of the management account."
  type        = string
  default     = "OrganizationAccountAccessRole"
}

variable "admin_group_name" {
  description = "IAM group in the management account whose members may switch into the member accounts."
  type        = string
}

variable "require_mfa" {
  description = "Whether switching into a member account requires a session signed in with MFA."
  type        = bool
  default     = true
}

variable "service_access_principals" {
  description = "AWS services given access to the organisation."
  type        = list(string)
  default     = []
}

variable "trail_name" {
  description = "Name of the organisation trail (every account, every region, global service events, log file validation)."
  type        = string
}

variable "trail_bucket_name" {
  description = "Bucket in the management account the organisation trail writes to; versioned, never destroyed by Terraform, and no one may delete or re-ACL a log object."
  type        = string
}

variable "trail_retention_days" {
  description = "Days trail logs (and their replaced versions) are kept."
  type        = number
  default     = 400
}

variable "budget_name" {
  description = "Name of the organisation's monthly cost budget."
  type        = string
}

variable "budget_topic_name" {
  description = "Name of the SNS topic the budget alarm publishes to."
  type        = string
}

variable "monthly_budget_usd" {
  description = "Monthly cost of the whole organisation, in USD, the alarm measures against (80% actual, 100% forecast)."
  type        = number
  default     = 50
}

variable "budget_alarm_emails" {
  description = "Email addresses subscribed to the budget alarm topic (each confirms the subscription)."
  type        = list(string)
}

variable "allowed_regions" {
  description = "Regions member accounts may use for regional services (the SCP denies every other region); include us-east-1 for CloudFront's certificates and global services."
  type        = list(string)
}

variable "deploy_role_arns" {
  description = "The deploy roles the SCP protects: only the access role (access_role_name) may change or delete them."
  type        = list(string)
}

variable "guarded_builds" {
  description = "Every CI environment's build project ARN with the one pipeline role that may start it; the SCP denies everyone else starting or retrying it (no buildspec override past the approval)."
  type = map(object({
    build_project_arn = string
    pipeline_role_arn = string
  }))
}

variable "repository_arn" {
  description = "ARN of the CodeCommit repository whose protected branches the SCP guards; null when no environment builds from CodeCommit."
  type        = string
  default     = null
}

variable "protected_branches" {
  description = "Branches production deploys from (master, main): only release_role_arns may push to, merge into, commit to or delete them."
  type        = list(string)
}

variable "release_role_arns" {
  description = "Roles of the people who may change the protected branches (the release managers, environments.json approval.approvers)."
  type        = list(string)
}

variable "scp_name_prefix" {
  description = "Prefix of the service control policies' names."
  type        = string
}

variable "tags" {
  description = "Tags added to every resource, on top of the provider's default tags."
  type        = map(string)
  default     = {}
}
