variable "zone_name" {
  description = "DNS name of the public hosted zone; every site domain lies in it."
  type        = string
}

variable "tags" {
  description = "Tags added to every resource, on top of the provider's default tags."
  type        = map(string)
  default     = {}
}
