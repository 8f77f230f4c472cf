# The artifact store (bucket and key) of the environment this folder is named after, in this region: _envcommon/artifact-store.hcl.
include "root" { path = find_in_parent_folders("root.hcl") }
include "envcommon" {
  path   = "${dirname(find_in_parent_folders("root.hcl"))}/_envcommon/artifact-store.hcl"
  expose = true
}
