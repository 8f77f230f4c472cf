# The contact API of the environment in this folder's account: _envcommon/contact-api.hcl.
include "root" { path = find_in_parent_folders("root.hcl") }
include "envcommon" {
  path   = "${dirname(find_in_parent_folders("root.hcl"))}/_envcommon/contact-api.hcl"
  expose = true
}
