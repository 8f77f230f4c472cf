# The repository the pipelines build from.
include "root" {
  path   = find_in_parent_folders("root.hcl")
  expose = true
}

terraform {
  source = "${dirname(find_in_parent_folders("root.hcl"))}/../modules//code-repository"
}

inputs = {
  name = include.root.locals.names.repository_name
}
