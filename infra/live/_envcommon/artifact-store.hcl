# Shared definition of every artifact-store unit (live/<account>/<region>/artifact-store/<environment>):
# the region's bucket and customer-managed key of the artifact store of the
# environment the unit's folder is named after. Each environment has stores of
# its own, so the only writers are that environment's pipeline and build roles
# and the only reader is its deploy role: nothing develop runs can write what
# production deploys. All come from environments.json, so the key policy does
# not wait for the roles to exist. Functions here run in the including unit's context.

locals {
  names = read_terragrunt_config(find_in_parent_folders("names.hcl")).locals
  # ../<account>/<region>/artifact-store/<environment>
  path            = split("/", path_relative_to_include())
  environment_key = basename(get_terragrunt_dir())
  environment     = local.names.ci_environments[local.environment_key]
  pipeline        = local.names.pipelines[local.environment_key]
  region_store    = local.names.env.artifactStores[local.environment.artifactStore].regions[local.path[2]]
}

terraform {
  source = "${dirname(find_in_parent_folders("root.hcl"))}/../modules//artifact-store"
}

inputs = {
  bucket_name      = local.region_store.bucket
  kms_alias        = local.region_store.kmsKey
  writer_role_arns = [local.pipeline.pipeline_role_arn, local.pipeline.build_role_arn]
  reader_role_arns = [local.environment.deployRole]
}
