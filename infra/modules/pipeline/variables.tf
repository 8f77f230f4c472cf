variable "name" {
  description = "Name of the environment's CI resources (the trigger role is named after it); each pipeline has its own name in branch_pipelines."
  type        = string
}

variable "branch_pipelines" {
  description = "One pipeline per branch of the environment: branch of the source repository whose pushes start it → the pipeline's name (develop for dev; master and main for prod). All of them run the one build project."
  type        = map(string)

  validation {
    condition     = length(var.branch_pipelines) > 0
    error_message = "branch_pipelines needs at least one branch."
  }
}

variable "guarded_builds" {
  description = "Every CI environment's build project (by environment) with the one pipeline role that may start it; the roles of this module are denied codebuild:StartBuild, StartBuildBatch, RetryBuild and RetryBuildBatch on each project unless they are that pipeline role, so no build runs with overrides outside its pipeline (and its approval)."
  type = map(object({
    build_project_name = string
    pipeline_role_arn  = string
  }))
  default = {}
}

variable "protected_branches" {
  description = "Branches of the source repository that the roles of this module are denied changing (push, put file, commit, merge, delete): the branches production deploys from (master, main). Only reviewed merges by people reach them."
  type        = list(string)
  default     = []
}

variable "source_provider" {
  description = "Where the repository (site, functions, buildspec.yml) lives: CodeCommit, or GitHub, GitLab or Bitbucket read through connection_arn."
  type        = string
  default     = "CodeCommit"

  validation {
    condition     = contains(["CodeCommit", "GitHub", "GitLab", "Bitbucket"], var.source_provider)
    error_message = "source_provider must be CodeCommit, GitHub, GitLab or Bitbucket."
  }
}

variable "protected_repository_arn" {
  description = "The CodeCommit repository whose protected_branches the roles of this module are denied changing (the one production builds from, whichever source this environment has); null when no environment builds from CodeCommit."
  type        = string
  default     = null
}

variable "repository_name" {
  description = "The repository: the CodeCommit repository's name, or owner/name (GitLab: group/…/name) on the connection's host."
  type        = string
}

variable "connection_arn" {
  description = "The connection (code-connection module) to source_provider's host; null for CodeCommit. The pipeline and build roles may use only this connection."
  type        = string
  default     = null

  validation {
    condition     = var.connection_arn == null || can(regex("^arn:aws[a-z-]*:(codestar-connections|codeconnections):[a-z0-9-]+:[0-9]{12}:connection/", var.connection_arn))
    error_message = "connection_arn must be a connection ARN (arn:aws:codestar-connections:<region>:<account>:connection/<id>, or codeconnections)."
  }
}

variable "build_project_name" {
  description = "Name of the CodeBuild project that runs the repository's buildspec.yml (./build.sh Deploy)."
  type        = string
}

variable "pipeline_role_arn" {
  description = "ARN the pipeline's service role gets; the module creates the role with the name in this ARN."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_-]+$", var.pipeline_role_arn))
    error_message = "pipeline_role_arn must be an IAM role ARN without a path."
  }
}

variable "build_role_arn" {
  description = "ARN the build's service role gets; the module creates the role with the name in this ARN. Deploy roles trust exactly this ARN."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_-]+$", var.build_role_arn))
    error_message = "build_role_arn must be an IAM role ARN without a path."
  }
}

variable "deploy_role_arn" {
  description = "The target environment's deploy role, the only role the build may assume."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/", var.deploy_role_arn))
    error_message = "deploy_role_arn must be an IAM role ARN."
  }
}

variable "artifact_stores" {
  description = "Artifact stores by region: bucket and KMS key ARN (not an alias). Needs the pipeline's region and every region an action runs in."
  type = map(object({
    bucket      = string
    kms_key_arn = string
  }))

  validation {
    condition     = alltrue([for region, store in var.artifact_stores : can(regex("^arn:aws[a-z-]*:kms:${region}:[0-9]{12}:key/", store.kms_key_arn))])
    error_message = "Every artifact store needs a KMS key ARN (arn:aws:kms:<the store's region>:<account>:key/<id>); aliases do not work across accounts."
  }
}

variable "manual_approval" {
  description = "Whether a person must approve in the pipeline before the deploy runs (true for production)."
  type        = bool
}

variable "approval_message" {
  description = "Text shown to the approver."
  type        = string
  default     = "Approve to deploy this commit to production."
}

variable "approval_subscribers" {
  description = "Email addresses subscribed to the approval topic, told about each approval (with manual_approval)."
  type        = list(string)
  default     = []
}

variable "approver_role_arn" {
  description = "ARN of the approver role this module creates (with manual_approval and approving_role_arns): it may only approve or reject in these pipelines' Approve actions and read their state."
  type        = string
  default     = null
}

variable "approving_role_arns" {
  description = "Role ARNs of the people who may assume the approver role; none means no approver role."
  type        = list(string)
  default     = []
}

variable "build_image" {
  description = "CodeBuild image; buildspec.yml installs what it lacks."
  type        = string
  default     = "aws/codebuild/standard:7.0"
}

variable "build_compute_type" {
  description = "CodeBuild compute type."
  type        = string
  default     = "BUILD_GENERAL1_MEDIUM"
}

variable "build_timeout_minutes" {
  description = "Minutes after which CodeBuild stops a build."
  type        = number
  default     = 30
}

variable "cache_modes" {
  description = "CodeBuild local cache modes: the source clone and the buildspec's cache paths (NuGet packages, node_modules)."
  type        = list(string)
  default     = ["LOCAL_SOURCE_CACHE", "LOCAL_CUSTOM_CACHE"]
}

variable "log_retention_days" {
  description = "Days the build logs are kept."
  type        = number
  default     = 90
}

variable "tags" {
  description = "Tags added to every resource, on top of the provider's default tags."
  type        = map(string)
  default     = {}
}
