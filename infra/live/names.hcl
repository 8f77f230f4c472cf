# Every name the live tree uses: ../environments.json (the file the build
# reads) and the names only Terraform needs, derived from it here, once, from
# the project name, account ids, environment names and site domains.
#
# Nothing below depends on which unit reads this file, so root.hcl and the
# shared unit definitions in _envcommon/ read it with read_terragrunt_config()
# and look their unit's account up in `accounts`. (root.hcl's own locals depend
# on the including unit, which is why they cannot be read that way.)

locals {
  env = jsondecode(file(find_in_parent_folders("environments.json")))

  # People run Terragrunt with a session in the management account and reach
  # every member account through the role AWS Organizations created there.
  management_account = "master"
  access_role_name   = "OrganizationAccountAccessRole"

  # Environments the pipelines deploy (the ones with branches), at most one per account.
  ci_environments        = { for key, e in local.env.environments : key => e if length(e.branches) > 0 }
  environment_of_account = { for key, e in local.ci_environments : e.account => key }

  # Per account: its id, the role Terragrunt assumes there (none in the
  # management account), its state bucket and the CI environment deployed into it.
  # Artifact stores are per environment (ci_environments[*].artifactStore), never
  # per account: shared services keeps one for each CI environment.
  accounts = {
    for key, account in local.env.accounts : key => {
      id              = account.id
      role_arn        = key == local.management_account ? "" : "arn:aws:iam::${account.id}:role/${local.access_role_name}"
      state_bucket    = "${local.env.project}-terraform-state-${account.id}"
      environment_key = try(local.environment_of_account[key], null)
      environment     = try(local.ci_environments[local.environment_of_account[key]], null)
      name_prefix     = can(local.environment_of_account[key]) ? "${local.env.project}-${local.environment_of_account[key]}" : local.env.project
    }
  }

  # Shared services: the account of the CI environments' artifact stores (one
  # per environment, all in this account). It also holds the repository, the
  # pipelines and the DNS zone.
  shared_account = one(distinct([for e in values(local.ci_environments) : local.env.artifactStores[e.artifactStore].account]))
  shared_id      = local.env.accounts[local.shared_account].id
  dns_role_arn   = "arn:aws:iam::${local.shared_id}:role/${local.access_role_name}"

  # The hosted zone is the site domain every other site domain lies in.
  site_domains = [for e in values(local.ci_environments) : e.site.domain]
  zone_name = one([
    for d in local.site_domains : d
    if alltrue([for other in local.site_domains : length(regexall("(^|\\.)${replace(d, ".", "\\.")}$", other)) > 0])
  ])

  # Receiving domains: the domain of every mail forwarder's FROM_ADDRESS (its SES
  # identity, with MX to SES), in every environment. Each forwarder's FORWARD_TO
  # must lie outside all of them (modules/mail-forwarder's precondition).
  receiving_domains = distinct([
    for e in values(local.env.environments) : lower(split("@", e.functions["mail-forwarder"].environment.FROM_ADDRESS)[1])
    if can(e.functions["mail-forwarder"].environment.FROM_ADDRESS)
  ])

  # Branches no role of ours may push to: those of the environments a person approves (prod: master, main).
  protected_branches = distinct(flatten([for e in values(local.ci_environments) : e.branches if can(e.approval)]))

  repository_name  = local.env.project
  admin_group_name = "${local.env.project}-admins"

  # Where each CI environment's pipelines read the code (environments.json "source"; CodeCommit when
  # absent): the CodeCommit repository above, or a repository ("owner/name") on GitHub, GitLab or
  # Bitbucket read through a connection of the environment's own (live/<shared>/<region>/code-connection),
  # so that develop's roles are never allowed production's connection.
  sources = {
    for key, e in local.ci_environments : key => {
      provider   = try(e.source.provider, "CodeCommit")
      repository = try(e.source.repository, local.repository_name)
    }
  }
  source_connections = {
    for key, s in local.sources : key => { provider = s.provider, name = "${local.env.project}-${key}-${lower(s.provider)}" }
    if s.provider != "CodeCommit"
  }
  # The CodeCommit repository's ARN, when an environment builds from it (the SCP guards its protected branches).
  codecommit_repository_arn = contains([for s in values(local.sources) : s.provider], "CodeCommit") ? "arn:aws:codecommit:${local.env.pipelineRegion}:${local.shared_id}:${local.repository_name}" : null
  pipelines = {
    for key, e in local.ci_environments : key => {
      name = "${local.env.project}-${key}"
      # One pipeline per branch: the first branch's keeps the environment's name, the others add the branch.
      branch_pipelines  = { for i, branch in e.branches : branch => i == 0 ? "${local.env.project}-${key}" : "${local.env.project}-${key}-${replace(branch, "/", "-")}" }
      build_project     = "${local.env.project}-${key}-deploy"
      source            = local.sources[key]
      pipeline_role_arn = "arn:aws:iam::${local.shared_id}:role/${local.env.project}-${key}-pipeline"
      build_role_arn    = "arn:aws:iam::${local.shared_id}:role/${local.env.project}-${key}-build"
      # Whoever approves assumes this role; it may only approve or reject in this environment's pipelines.
      approver_role_arn = "arn:aws:iam::${local.shared_id}:role/${local.env.project}-${key}-approver"
    }
  }

  # The organisation (live/master/global/organization): the trail, its bucket in
  # the management account, the budget and its topic, the SCPs' names; the
  # regions member accounts may use (every region environments.json names, plus
  # us-east-1 for CloudFront's certificates and the global services); the deploy
  # roles of the environments the pipelines deploy.
  organization = {
    trail_name        = "${local.env.project}-organization"
    trail_bucket_name = "${local.env.project}-cloudtrail-${local.env.accounts[local.management_account].id}"
    budget_name       = "${local.env.project}-monthly"
    budget_topic_name = "${local.env.project}-budget-alarm"
    scp_name_prefix   = local.env.project
    allowed_regions = sort(distinct(concat(
      [local.env.pipelineRegion, "us-east-1"],
      flatten([for store in values(local.env.artifactStores) : keys(store.regions)]),
      [for e in values(local.env.environments) : e.site.region],
      flatten([for e in values(local.env.environments) : [for f in values(e.functions) : f.region]]),
    )))
    deploy_role_arns = [for e in values(local.ci_environments) : e.deployRole]
  }

  # State: one bucket per account (accounts.*.state_bucket), in the pipeline region, and one lock table.
  lock_table   = "${local.env.project}-terraform-locks"
  state_region = local.env.pipelineRegion
}
