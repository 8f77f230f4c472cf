# Shared definition of every artifact-store unit (live/<account>/<region>/artifact-store):
# the region's bucket and customer-managed key of the store kept in the
# including unit's account. Writers are the pipeline and build roles of every
# environment using this store; readers are those environments' deploy roles.
# All come from environments.json, so the key policy does not wait for the
# roles to exist. Functions here run in the including unit's context.

locals {
  names = read_terragrunt_config(find_in_parent_folders("names.hcl")).locals
  # ../<account>/<region>/artifact-store
  path         = split("/", path_relative_to_include())
  store_key    = local.names.accounts[local.path[1]].store_key
  region_store = local.names.env.artifactStores[local.store_key].regions[local.path[2]]
  users        = { for key, e in local.names.ci_environments : key => e if e.artifactStore == local.store_key }
}

terraform {
  source = "${dirname(find_in_parent_folders("root.hcl"))}/../modules//artifact-store"
}

inputs = {
  bucket_name      = local.region_store.bucket
  kms_alias        = local.region_store.kmsKey
  writer_role_arns = flatten([for key in keys(local.users) : [local.names.pipelines[key].pipeline_role_arn, local.names.pipelines[key].build_role_arn]])
  reader_role_arns = [for e in values(local.users) : e.deployRole]
}
