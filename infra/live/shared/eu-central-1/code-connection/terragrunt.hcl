# The connections to GitHub, GitLab or Bitbucket the environments' sources need (none when all build from CodeCommit).
include "root" {
  path   = find_in_parent_folders("root.hcl")
  expose = true
}

terraform {
  source = "${dirname(find_in_parent_folders("root.hcl"))}/../modules//code-connection"
}

inputs = {
  connections = include.root.locals.names.source_connections
}
