# The public zone every site domain lies in; enter its name servers at the registrar.
include "root" {
  path   = find_in_parent_folders("root.hcl")
  expose = true
}

terraform {
  source = "${dirname(find_in_parent_folders("root.hcl"))}/../modules//hosted-zone"
}

inputs = {
  zone_name = include.root.locals.names.zone_name
}
