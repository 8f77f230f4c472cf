variable "function_name" {
  description = "Name of the function; also the name of its execution role and log group."
  type        = string
}

variable "alias_name" {
  description = "Alias the deploy moves to each published version; callers invoke this alias."
  type        = string
  default     = "live"
}

variable "environment_variables" {
  description = "The function's environment variables."
  type        = map(string)
}

variable "policy_name" {
  description = "Name of the execution role's inline policy."
  type        = string
}

variable "policy_json" {
  description = "What the function may do besides writing its logs: the JSON of an aws_iam_policy_document (the infra checks read its statements there)."
  type        = string
}

variable "placeholder_file" {
  description = "Path of the stand-in index.mjs deployed on the first apply, until ./build.sh Deploy uploads the real package."
  type        = string
}

variable "runtime" {
  description = "Lambda runtime."
  type        = string
  default     = "nodejs20.x"
}

variable "handler" {
  description = "Lambda handler (index.mjs at the zip root exporting handler)."
  type        = string
  default     = "index.handler"
}

variable "memory_size" {
  description = "Function memory in MB."
  type        = number
  default     = 256
}

variable "timeout_seconds" {
  description = "Function timeout in seconds."
  type        = number
}

variable "log_retention_days" {
  description = "Days the function's logs are kept."
  type        = number
  default     = 90
}

variable "tags" {
  description = "Tags added to every resource, on top of the provider's default tags."
  type        = map(string)
  default     = {}
}
