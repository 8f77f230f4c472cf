variable "domain" {
  description = "The domain SES sends (and possibly receives) mail for."
  type        = string
}

variable "zone_name" {
  description = "Public hosted zone (provider aws.dns) that holds the domain's DKIM records."
  type        = string
}

variable "tags" {
  description = "Tags added to every resource, on top of the provider's default tags."
  type        = map(string)
  default     = {}
}
