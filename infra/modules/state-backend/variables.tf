variable "bucket_name" {
  description = "Name of this account's Terraform state bucket."
  type        = string
}

variable "lock_table_name" {
  description = "Name of the DynamoDB table Terraform locks state with."
  type        = string
}

variable "noncurrent_version_retention_days" {
  description = "Days an overwritten state version is kept (the way back from a bad apply)."
  type        = number
  default     = 90
}

variable "tags" {
  description = "Tags added to every resource, on top of the provider's default tags."
  type        = map(string)
  default     = {}
}
