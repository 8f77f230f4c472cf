# The organisation and its member accounts: every account in environments.json
# with a root email, except the management account itself.
include "root" {
  path   = find_in_parent_folders("root.hcl")
  expose = true
}

terraform {
  source = "${dirname(find_in_parent_folders("root.hcl"))}/../modules//organization"
}

inputs = {
  member_accounts = {
    for name, account in include.root.locals.env.accounts : name => { email = account.email }
    if name != include.root.locals.management_account && can(account.email)
  }
  access_role_name = include.root.locals.access_role_name
  admin_group_name = "${include.root.locals.env.project}-admins"
  tags             = include.root.locals.tags
}
