# This region's artifact store (bucket and customer-managed key). Writers are
# the pipeline and build roles of every environment using this store; readers
# are those environments' deploy roles. All come from environments.json, so
# the key policy does not wait for the roles to exist.
include "root" {
  path   = find_in_parent_folders("root.hcl")
  expose = true
}

terraform {
  source = "${dirname(find_in_parent_folders("root.hcl"))}/../modules//artifact-store"
}

locals {
  root         = include.root.locals
  users        = { for key, e in local.root.ci_environments : key => e if e.artifactStore == local.root.store_key }
  region_store = local.root.env.artifactStores[local.root.store_key].regions[local.root.region]
}

inputs = {
  bucket_name      = local.region_store.bucket
  kms_alias        = local.region_store.kmsKey
  writer_role_arns = flatten([for key in keys(local.users) : [local.root.pipelines[key].pipeline_role_arn, local.root.pipelines[key].build_role_arn]])
  reader_role_arns = [for e in values(local.users) : e.deployRole]
  tags             = include.root.locals.tags
}
