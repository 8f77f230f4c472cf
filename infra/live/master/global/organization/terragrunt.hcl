# The organisation and its member accounts: every account in environments.json
# with a root email, except the management account itself.
include "root" {
  path   = find_in_parent_folders("root.hcl")
  expose = true
}

terraform {
  source = "${dirname(find_in_parent_folders("root.hcl"))}/../modules//organization"
}

locals {
  names = include.root.locals.names
}

inputs = {
  member_accounts = {
    for name, account in local.names.env.accounts : name => { email = account.email }
    if name != local.names.management_account && can(account.email)
  }
  access_role_name = local.names.access_role_name
  admin_group_name = local.names.admin_group_name
}
