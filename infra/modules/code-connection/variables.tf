variable "connections" {
  description = "Connections to create: provider type (GitHub, GitLab or Bitbucket) → connection name (at most 32 characters). Empty when every environment builds from CodeCommit."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for provider, name in var.connections : contains(["GitHub", "GitLab", "Bitbucket"], provider) && length(name) <= 32])
    error_message = "connections maps GitHub, GitLab or Bitbucket to a name of at most 32 characters."
  }
}

variable "tags" {
  description = "Tags added to every resource, on top of the provider's default tags."
  type        = map(string)
  default     = {}
}
