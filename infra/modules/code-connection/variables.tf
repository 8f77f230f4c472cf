variable "connections" {
  description = "Connections to create, by environment: the host (GitHub, GitLab or Bitbucket) and the connection's name (at most 32 characters). Empty when every environment builds from CodeCommit."
  type = map(object({
    provider = string
    name     = string
  }))
  default = {}

  validation {
    condition     = alltrue([for connection in values(var.connections) : contains(["GitHub", "GitLab", "Bitbucket"], connection.provider) && length(connection.name) <= 32])
    error_message = "Every connection needs provider GitHub, GitLab or Bitbucket and a name of at most 32 characters."
  }
}

variable "tags" {
  description = "Tags added to every resource, on top of the provider's default tags."
  type        = map(string)
  default     = {}
}
