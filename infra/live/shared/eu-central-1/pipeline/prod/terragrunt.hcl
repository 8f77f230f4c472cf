# The pipeline of the environment this folder is named after: _envcommon/pipeline.hcl.
include "root" { path = find_in_parent_folders("root.hcl") }
include "envcommon" {
  path   = "${dirname(find_in_parent_folders("root.hcl"))}/_envcommon/pipeline.hcl"
  expose = true
}

# Production: a person approves before the deploy runs.
inputs = {
  manual_approval = true
}
