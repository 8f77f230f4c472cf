# The deploy role of the environment in this folder's account: _envcommon/deploy-role.hcl.
include "root" { path = find_in_parent_folders("root.hcl") }
include "envcommon" {
  path   = "${dirname(find_in_parent_folders("root.hcl"))}/_envcommon/deploy-role.hcl"
  expose = true
}
