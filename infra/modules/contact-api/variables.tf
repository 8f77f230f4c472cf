variable "api_name" {
  description = "Name of the HTTP API."
  type        = string
}

variable "function_name" {
  description = "Name of the contact-form function (functions.contact-form.functionName in environments.json)."
  type        = string
}

variable "alias_name" {
  description = "Alias the deploy moves to each published version; the API invokes this alias."
  type        = string
  default     = "live"
}

variable "environment_variables" {
  description = "The function's environment variables (functions.contact-form.environment)."
  type        = map(string)
}

variable "sender_address" {
  description = "Address the function sends from (its SENDER variable); its domain becomes the SES sending identity."
  type        = string

  validation {
    condition     = can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", var.sender_address))
    error_message = "sender_address must be an email address."
  }
}

variable "zone_name" {
  description = "Public hosted zone (provider aws.dns) that holds the sender domain's DKIM records."
  type        = string
}

variable "allowed_origins" {
  description = "Origins allowed by CORS (the site's own origin; requests through CloudFront are same-origin)."
  type        = list(string)
}

variable "route_key" {
  description = "Route of the form posts; CloudFront forwards /api/* paths unchanged."
  type        = string
  default     = "POST /api/contact"
}

variable "timeout_seconds" {
  description = "Function timeout in seconds."
  type        = number
  default     = 10
}

variable "throttling_rate_limit" {
  description = "Steady requests per second the API accepts (a contact form needs few; this bounds abuse)."
  type        = number
  default     = 5
}

variable "throttling_burst_limit" {
  description = "Burst of requests the API accepts."
  type        = number
  default     = 10
}

variable "tags" {
  description = "Tags added to every resource, on top of the provider's default tags."
  type        = map(string)
  default     = {}
}
