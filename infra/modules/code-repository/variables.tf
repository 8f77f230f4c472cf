variable "name" {
  description = "Name of the CodeCommit repository (the project name)."
  type        = string
}

variable "description" {
  description = "Description shown for the repository."
  type        = string
  default     = "Site, functions, build and infrastructure"
}

variable "tags" {
  description = "Tags added to every resource, on top of the provider's default tags."
  type        = map(string)
  default     = {}
}
