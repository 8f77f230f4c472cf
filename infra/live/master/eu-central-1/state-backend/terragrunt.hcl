# This folder's account's state bucket and lock table: _envcommon/state-backend.hcl.
include "root" { path = find_in_parent_folders("root.hcl") }
include "envcommon" {
  path   = "${dirname(find_in_parent_folders("root.hcl"))}/_envcommon/state-backend.hcl"
  expose = true
}
