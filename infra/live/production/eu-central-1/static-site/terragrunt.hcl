# The site of the environment in this folder's account: _envcommon/static-site.hcl.
include "root" { path = find_in_parent_folders("root.hcl") }
include "envcommon" {
  path   = "${dirname(find_in_parent_folders("root.hcl"))}/_envcommon/static-site.hcl"
  expose = true
}
