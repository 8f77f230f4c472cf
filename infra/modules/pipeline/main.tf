# One pipeline per branch of the environment (branch_pipelines), all running
# the environment's one build project: the source (CodeCommit, or GitHub, GitLab
# or Bitbucket through a connection; a full clone either way, plus branch and
# commit as variables) → manual approval (production) → CodeBuild running
# buildspec.yml, which runs ./build.sh Deploy under the build role; the build
# then assumes the environment's deploy role.

data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  partition         = data.aws_partition.current.partition
  region            = data.aws_region.current.name
  pipeline_role     = element(split("/", var.pipeline_role_arn), 1)
  build_role        = element(split("/", var.build_role_arn), 1)
  pipeline_store    = var.artifact_stores[local.region]
  store_bucket_arns = [for store in values(var.artifact_stores) : "arn:${local.partition}:s3:::${store.bucket}"]
  store_object_arns = [for arn in local.store_bucket_arns : "${arn}/*"]
  store_key_arns    = [for store in values(var.artifact_stores) : store.kms_key_arn]
  build_log_group   = "/aws/codebuild/${var.build_project_name}"
  # The ARNs the roles are assumed for (aws:SourceArn), built from names: each resource needs its role first.
  account_id        = split(":", var.build_role_arn)[4]
  pipeline_arns     = { for branch, pipeline in var.branch_pipelines : branch => "arn:${local.partition}:codepipeline:${local.region}:${local.account_id}:${pipeline}" }
  build_project_arn = "arn:${local.partition}:codebuild:${local.region}:${local.account_id}:project/${var.build_project_name}"
  push_rule_arns    = { for branch, pipeline in var.branch_pipelines : branch => "arn:${local.partition}:events:${local.region}:${local.account_id}:rule/${pipeline}-push" }
  source_variables  = "SourceVariables"
  # The source: the CodeCommit repository (its ARN built from names, like the others), or a connection.
  # A connection's ARN has the service prefix it was created under (codestar-connections, or
  # codeconnections since 2024); UseConnection is authorized under that prefix, so both are granted.
  # Without connection_arn no grant is written and the pipeline's precondition names the fix.
  from_codecommit                = var.source_provider == "CodeCommit"
  repository_arn                 = local.from_codecommit ? "arn:${local.partition}:codecommit:${local.region}:${local.account_id}:${var.repository_name}" : null
  connection_arn                 = local.from_codecommit ? null : var.connection_arn
  codestar_connection_arn        = local.connection_arn == null ? null : replace(local.connection_arn, ":codeconnections:", ":codestar-connections:")
  codeconnections_connection_arn = local.connection_arn == null ? null : replace(local.connection_arn, ":codestar-connections:", ":codeconnections:")
  # Actions that change a branch of a CodeCommit repository; the organisation's SCP reads the same file.
  codecommit_branch_changes = jsondecode(file("${path.module}/codecommit-branch-changes.json"))
  # The manual approval: its topic, the approve actions (<pipeline ARN>/<stage>/<action>) and who may act on them.
  approval_stage     = "Approve"
  approval_action    = "Approve"
  approval_topic_arn = "arn:${local.partition}:sns:${local.region}:${local.account_id}:${var.name}-approval"
  approval_actions   = [for arn in values(local.pipeline_arns) : "${arn}/${local.approval_stage}/${local.approval_action}"]
  has_approver       = var.manual_approval && length(var.approving_role_arns) > 0
  approver_role      = local.has_approver ? element(split("/", var.approver_role_arn), 1) : ""
  approver_roots     = [for id in distinct([for arn in var.approving_role_arns : split(":", arn)[4]]) : "arn:${local.partition}:iam::${id}:root"]
}

resource "aws_cloudwatch_log_group" "build" {
  name              = local.build_log_group
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

# --- roles -------------------------------------------------------------------

# Both roles read and write every regional store with that store's key.
data "aws_iam_policy_document" "artifact_stores" {
  statement {
    sid       = "ArtifactObjects"
    effect    = "Allow"
    actions   = ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"]
    resources = local.store_object_arns
  }

  statement {
    sid       = "ArtifactKeys"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"]
    resources = local.store_key_arns
  }
}

# A build runs only from its own pipeline: whoever else these roles' policies
# let start it (today none; a later over-grant), starting it directly, with a
# buildspec or environment override and without the approval, is denied.
data "aws_iam_policy_document" "builds_only_from_their_pipelines" {
  dynamic "statement" {
    for_each = var.guarded_builds
    content {
      sid       = "OnlyItsPipelineStarts${replace(title(statement.key), "-", "")}Build"
      effect    = "Deny"
      actions   = ["codebuild:StartBuild", "codebuild:StartBuildBatch", "codebuild:RetryBuild", "codebuild:RetryBuildBatch"]
      resources = ["arn:${local.partition}:codebuild:${local.region}:${local.account_id}:project/${statement.value.build_project_name}"]
      condition {
        test     = "ArnNotEquals"
        variable = "aws:PrincipalArn"
        values   = [statement.value.pipeline_role_arn]
      }
    }
  }
}

# What production deploys is what people merged: no role of a pipeline (a
# build runs unreviewed develop code) changes the protected branches.
# Whatever this environment's own source: develop on GitHub must not push to the CodeCommit
# master production builds. (On GitHub, GitLab or Bitbucket the host's branch protection does this.)
data "aws_iam_policy_document" "protected_branches" {
  dynamic "statement" {
    for_each = var.protected_repository_arn != null && length(var.protected_branches) > 0 ? [var.protected_repository_arn] : []
    content {
      sid       = "ProtectedBranchesUnchanged"
      effect    = "Deny"
      actions   = local.codecommit_branch_changes
      resources = [statement.value]
      condition {
        test     = "ForAnyValue:StringEquals"
        variable = "codecommit:References"
        values   = [for branch in var.protected_branches : "refs/heads/${branch}"]
      }
    }
  }
}

data "aws_iam_policy_document" "pipeline" {
  source_policy_documents = [data.aws_iam_policy_document.artifact_stores.json, data.aws_iam_policy_document.builds_only_from_their_pipelines.json, data.aws_iam_policy_document.protected_branches.json]

  statement {
    sid       = "ArtifactBuckets"
    effect    = "Allow"
    actions   = ["s3:GetBucketLocation", "s3:GetBucketVersioning"]
    resources = local.store_bucket_arns
  }

  dynamic "statement" {
    for_each = local.from_codecommit ? [local.repository_arn] : []
    content {
      sid    = "SourceRepository"
      effect = "Allow"
      actions = [
        "codecommit:CancelUploadArchive",
        "codecommit:GetBranch",
        "codecommit:GetCommit",
        "codecommit:GetRepository",
        "codecommit:GetUploadArchiveStatus",
        "codecommit:UploadArchive",
      ]
      resources = [statement.value]
    }
  }

  dynamic "statement" {
    for_each = local.connection_arn == null ? [] : [local.codestar_connection_arn]
    content {
      sid       = "SourceConnection"
      effect    = "Allow"
      actions   = ["codestar-connections:UseConnection"]
      resources = [statement.value]
    }
  }

  dynamic "statement" {
    for_each = local.connection_arn == null ? [] : [local.codeconnections_connection_arn]
    content {
      sid       = "SourceConnectionRenamed"
      effect    = "Allow"
      actions   = ["codeconnections:UseConnection"]
      resources = [statement.value]
    }
  }

  statement {
    sid       = "RunBuild"
    effect    = "Allow"
    actions   = ["codebuild:BatchGetBuilds", "codebuild:StartBuild"]
    resources = [aws_codebuild_project.this.arn]
  }

  # CodePipeline sends the approval notification with the pipeline's role.
  dynamic "statement" {
    for_each = var.manual_approval ? [local.approval_topic_arn] : []
    content {
      sid       = "NotifyApprovers"
      effect    = "Allow"
      actions   = ["sns:Publish"]
      resources = [statement.value]
    }
  }
}

module "pipeline_role" {
  source = "../service-role"

  name        = local.pipeline_role
  service     = "codepipeline.amazonaws.com"
  source_arns = values(local.pipeline_arns)
  policy_name = "pipeline"
  policy_json = data.aws_iam_policy_document.pipeline.json
  tags        = var.tags
}

# What ./build.sh Deploy does with the build's own identity: write artifacts
# to every regional store (SSE-KMS with that region's key) and assume the
# environment's deploy role. Everything else happens under the deploy role.
data "aws_iam_policy_document" "build" {
  source_policy_documents = [data.aws_iam_policy_document.artifact_stores.json, data.aws_iam_policy_document.builds_only_from_their_pipelines.json, data.aws_iam_policy_document.protected_branches.json]

  statement {
    sid       = "BuildLogs"
    effect    = "Allow"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.build.arn}:*"]
  }

  # The full clone (CODEBUILD_CLONE_REF): CodeBuild clones the repository itself, with the build role.
  dynamic "statement" {
    for_each = local.from_codecommit ? [local.repository_arn] : []
    content {
      sid       = "FullClone"
      effect    = "Allow"
      actions   = ["codecommit:GitPull"]
      resources = [statement.value]
    }
  }

  dynamic "statement" {
    for_each = local.connection_arn == null ? [] : [local.codestar_connection_arn]
    content {
      sid       = "FullCloneThroughConnection"
      effect    = "Allow"
      actions   = ["codestar-connections:UseConnection"]
      resources = [statement.value]
    }
  }

  dynamic "statement" {
    for_each = local.connection_arn == null ? [] : [local.codeconnections_connection_arn]
    content {
      sid       = "FullCloneThroughConnectionRenamed"
      effect    = "Allow"
      actions   = ["codeconnections:UseConnection"]
      resources = [statement.value]
    }
  }

  statement {
    sid       = "ArtifactBuckets"
    effect    = "Allow"
    actions   = ["s3:GetBucketLocation", "s3:ListBucket"]
    resources = local.store_bucket_arns
  }

  statement {
    sid       = "AssumeDeployRole"
    effect    = "Allow"
    actions   = ["sts:AssumeRole"]
    resources = [var.deploy_role_arn]
  }
}

module "build_role" {
  source = "../service-role"

  name        = local.build_role
  service     = "codebuild.amazonaws.com"
  source_arns = [local.build_project_arn]
  policy_name = "build"
  policy_json = data.aws_iam_policy_document.build.json
  tags        = var.tags
}

# --- build -------------------------------------------------------------------

resource "aws_codebuild_project" "this" {
  name           = var.build_project_name
  description    = "Runs buildspec.yml (./build.sh Deploy) for ${join(", ", keys(var.branch_pipelines))}"
  service_role   = module.build_role.arn
  encryption_key = local.pipeline_store.kms_key_arn
  build_timeout  = var.build_timeout_minutes

  source {
    type      = "CODEPIPELINE"
    buildspec = "buildspec.yml"
  }

  artifacts {
    type = "CODEPIPELINE"
  }

  environment {
    type                        = "LINUX_CONTAINER"
    compute_type                = var.build_compute_type
    image                       = var.build_image
    image_pull_credentials_type = "CODEBUILD"
    privileged_mode             = false
  }

  cache {
    type  = "LOCAL"
    modes = var.cache_modes
  }

  logs_config {
    cloudwatch_logs {
      group_name = aws_cloudwatch_log_group.build.name
    }
    s3_logs {
      status = "DISABLED"
    }
  }

  tags = var.tags
}

# --- pipeline ----------------------------------------------------------------

resource "aws_codepipeline" "this" {
  for_each = var.branch_pipelines

  name          = each.value
  role_arn      = module.pipeline_role.arn
  pipeline_type = "V2"

  # One store per region; each names its key by ARN (type KMS), because the
  # build and the deploy roles decrypt these objects from other principals and
  # accounts, where aliases do not resolve.
  dynamic "artifact_store" {
    for_each = var.artifact_stores
    content {
      region   = artifact_store.key
      location = artifact_store.value.bucket
      type     = "S3"
      encryption_key {
        id   = artifact_store.value.kms_key_arn
        type = "KMS"
      }
    }
  }

  # Either source gives a full git clone (CODEBUILD_CLONE_REF: CodeBuild clones, so GitVersion sees the
  # history; HEAD is detached) and the same variables (BranchName, CommitId).
  stage {
    name = "Source"
    dynamic "action" {
      for_each = local.from_codecommit ? [var.repository_name] : []
      content {
        name             = "Source"
        category         = "Source"
        owner            = "AWS"
        provider         = "CodeCommit"
        version          = "1"
        region           = local.region
        namespace        = local.source_variables
        output_artifacts = ["source"]
        configuration = {
          RepositoryName       = action.value
          BranchName           = each.key
          PollForSourceChanges = "false"
          OutputArtifactFormat = "CODEBUILD_CLONE_REF"
        }
      }
    }
    dynamic "action" {
      for_each = local.from_codecommit ? [] : [var.repository_name]
      content {
        name             = "Source"
        category         = "Source"
        owner            = "AWS"
        provider         = "CodeStarSourceConnection"
        version          = "1"
        region           = local.region
        namespace        = local.source_variables
        output_artifacts = ["source"]
        configuration = {
          ConnectionArn        = local.connection_arn
          FullRepositoryId     = action.value
          BranchName           = each.key
          DetectChanges        = "true"
          OutputArtifactFormat = "CODEBUILD_CLONE_REF"
        }
      }
    }
  }

  # A connection source starts its pipeline itself, on pushes to this pipeline's branch only
  # (CodeCommit's pushes arrive through the EventBridge rule below).
  dynamic "trigger" {
    for_each = local.from_codecommit ? [] : [each.key]
    content {
      provider_type = "CodeStarSourceConnection"
      git_configuration {
        source_action_name = "Source"
        push {
          branches {
            includes = [trigger.value]
          }
        }
      }
    }
  }

  dynamic "stage" {
    for_each = var.manual_approval ? [1] : []
    content {
      name = local.approval_stage
      action {
        name     = local.approval_action
        category = "Approval"
        owner    = "AWS"
        provider = "Manual"
        version  = "1"
        region   = local.region
        configuration = {
          CustomData      = var.approval_message
          NotificationArn = aws_sns_topic.approval[0].arn
        }
      }
    }
  }

  stage {
    name = "Deploy"
    action {
      name            = "Deploy"
      category        = "Build"
      owner           = "AWS"
      provider        = "CodeBuild"
      version         = "1"
      region          = local.region
      input_artifacts = ["source"]
      configuration = {
        ProjectName = aws_codebuild_project.this.name
        # The build reads the branch from these when git cannot tell it.
        EnvironmentVariables = jsonencode([
          { name = "BRANCH_NAME", value = "#{${local.source_variables}.BranchName}", type = "PLAINTEXT" },
          { name = "COMMIT_ID", value = "#{${local.source_variables}.CommitId}", type = "PLAINTEXT" },
        ])
      }
    }
  }

  lifecycle {
    precondition {
      condition     = contains(keys(var.artifact_stores), local.region)
      error_message = "artifact_stores has no store for the pipeline's region, where every action of this pipeline runs."
    }
    precondition {
      condition     = local.from_codecommit || can(regex("^arn:aws[a-z-]*:(codestar-connections|codeconnections):[a-z0-9-]+:[0-9]{12}:connection/", var.connection_arn))
      error_message = "A source on GitHub, GitLab or Bitbucket needs connection_arn (the code-connection unit's connection for that provider)."
    }
  }

  # The first run starts right away; the role must already be allowed to run it.
  depends_on = [module.pipeline_role]
  tags       = var.tags
}

# --- approval: who is told, who may approve ------------------------------------

resource "aws_sns_topic" "approval" {
  count = var.manual_approval ? 1 : 0

  name              = "${var.name}-approval"
  kms_master_key_id = "alias/aws/sns"
  tags              = var.tags
}

# Email subscriptions stay pending until each address confirms.
resource "aws_sns_topic_subscription" "approval" {
  for_each = var.manual_approval ? toset(var.approval_subscribers) : toset([])

  topic_arn = aws_sns_topic.approval[0].arn
  protocol  = "email"
  endpoint  = each.value
}

# The principal element is the approvers' accounts because IAM rejects a trust
# policy naming a role that does not exist yet; aws:PrincipalArn admits exactly them.
data "aws_iam_policy_document" "approver_trust" {
  statement {
    sid     = "AssumedByApproversOnly"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = local.approver_roots
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:PrincipalArn"
      values   = var.approving_role_arns
    }
  }
}

# Approve or reject, and see what is being approved; nothing else (and never start a build).
data "aws_iam_policy_document" "approver" {
  source_policy_documents = [data.aws_iam_policy_document.builds_only_from_their_pipelines.json, data.aws_iam_policy_document.protected_branches.json]

  statement {
    sid       = "ApproveThesePipelines"
    effect    = "Allow"
    actions   = ["codepipeline:PutApprovalResult"]
    resources = local.approval_actions
  }

  statement {
    sid       = "SeeWhatIsApproved"
    effect    = "Allow"
    actions   = ["codepipeline:GetPipeline", "codepipeline:GetPipelineExecution", "codepipeline:GetPipelineState", "codepipeline:ListPipelineExecutions"]
    resources = values(local.pipeline_arns)
  }
}

resource "aws_iam_role" "approver" {
  count = local.has_approver ? 1 : 0

  name               = local.approver_role
  description        = "Approves or rejects ${var.name}'s deploys"
  assume_role_policy = data.aws_iam_policy_document.approver_trust.json
  tags               = var.tags
}

resource "aws_iam_role_policy" "approver" {
  count = local.has_approver ? 1 : 0

  name   = "approve"
  role   = aws_iam_role.approver[0].name
  policy = data.aws_iam_policy_document.approver.json
}

# --- trigger (CodeCommit): a push to a branch starts that branch's pipeline -----------

resource "aws_cloudwatch_event_rule" "push" {
  for_each = local.from_codecommit ? var.branch_pipelines : {}

  name        = "${each.value}-push"
  description = "Push to ${each.key} in ${var.repository_name} starts ${each.value}"
  event_pattern = jsonencode({
    source        = ["aws.codecommit"]
    "detail-type" = ["CodeCommit Repository State Change"]
    resources     = [local.repository_arn]
    detail = {
      event         = ["referenceCreated", "referenceUpdated"]
      referenceType = ["branch"]
      referenceName = [each.key]
    }
  })
  tags = var.tags
}

data "aws_iam_policy_document" "trigger" {
  statement {
    sid       = "StartThesePipelines"
    effect    = "Allow"
    actions   = ["codepipeline:StartPipelineExecution"]
    resources = [for pipeline in aws_codepipeline.this : pipeline.arn]
  }
}

module "trigger_role" {
  source = "../service-role"
  count  = local.from_codecommit ? 1 : 0

  name        = "${var.name}-trigger"
  service     = "events.amazonaws.com"
  source_arns = values(local.push_rule_arns)
  policy_name = "start-pipeline"
  policy_json = data.aws_iam_policy_document.trigger.json
  tags        = var.tags
}

resource "aws_cloudwatch_event_target" "pipeline" {
  for_each = aws_cloudwatch_event_rule.push

  rule     = each.value.name
  arn      = aws_codepipeline.this[each.key].arn
  role_arn = module.trigger_role[0].arn
}
