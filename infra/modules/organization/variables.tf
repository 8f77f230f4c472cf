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

variable "tags" {
  description = "Tags added to every resource, on top of the provider's default tags."
  type        = map(string)
  default     = {}
}
