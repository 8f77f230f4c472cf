variable "function_name" {
  description = "Name of the mail-forwarder function (functions.mail-forwarder.functionName in environments.json)."
  type        = string
}

variable "alias_name" {
  description = "Alias the deploy moves to each published version; the receipt rule invokes this alias."
  type        = string
  default     = "live"
}

variable "environment_variables" {
  description = "The function's environment variables (functions.mail-forwarder.environment)."
  type        = map(string)
}

variable "bucket_name" {
  description = "Bucket SES stores received mail in (the function's MAIL_BUCKET)."
  type        = string
}

variable "object_prefix" {
  description = "Key prefix of stored mail (the function's MAIL_PREFIX)."
  type        = string
}

variable "from_address" {
  description = "Address forwarded mail is sent from (the function's FROM_ADDRESS); its domain becomes the SES identity and receives mail."
  type        = string

  validation {
    condition     = can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", var.from_address))
    error_message = "from_address must be an email address."
  }
}

variable "receiving_domains" {
  description = "Every domain the project's mail forwarders receive for (the FROM_ADDRESS domains of all environments); FORWARD_TO in environment_variables must lie outside all of them, or forwarded mail comes back to a forwarder."
  type        = list(string)
}

variable "recipients" {
  description = "Addresses or domains the receipt rule accepts; empty means the from_address's whole domain."
  type        = list(string)
  default     = []
}

variable "rule_set_name" {
  description = "Name of the SES receipt rule set (one active set per account and region)."
  type        = string
}

variable "activate_rule_set" {
  description = "Whether to make this rule set the active one in the region."
  type        = bool
  default     = true
}

variable "zone_name" {
  description = "Public hosted zone (provider aws.dns) that gets the MX and DKIM records."
  type        = string
}

variable "mail_retention_days" {
  description = "Days stored mail is kept."
  type        = number
  default     = 30
}

variable "timeout_seconds" {
  description = "Function timeout in seconds."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags added to every resource, on top of the provider's default tags."
  type        = map(string)
  default     = {}
}
