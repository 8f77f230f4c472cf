variable "name" {
  description = "Prefix for the distribution's named parts (origin access control, headers policy, function), e.g. <project>-<environment>."
  type        = string
}

variable "bucket_name" {
  description = "The site bucket (site.bucket in environments.json); private, read by CloudFront only."
  type        = string
}

variable "deployer_role_arns" {
  description = "Roles that sync the bucket (the environment's deploy role), by ARN: besides the distribution, the only principals that may read its objects."
  type        = list(string)

  validation {
    condition     = length(var.deployer_role_arns) > 0 && alltrue([for arn in var.deployer_role_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/", arn))])
    error_message = "deployer_role_arns must list IAM role ARNs (arn:aws:iam::<account>:role/<name>)."
  }
}

variable "domain_name" {
  description = "The site's domain (site.domain); the certificate and the alias records are for this name."
  type        = string
}

variable "zone_name" {
  description = "Public hosted zone (in the DNS account, provider aws.dns) that holds domain_name."
  type        = string
}

variable "api_domain_name" {
  description = "Host name of the contact API (the HTTP API's execute-api domain), the origin for api_path_pattern."
  type        = string
}

variable "api_path_pattern" {
  description = "Paths CloudFront sends to the contact API instead of the bucket."
  type        = string
  default     = "/api/*"
}

variable "price_class" {
  description = "CloudFront price class."
  type        = string
  default     = "PriceClass_100"
}

variable "content_security_policy" {
  description = "Content-Security-Policy header value; the default allows the site's own scripts, styles and the same-origin API, plus Gatsby's inline styles. No 'unsafe-inline' for scripts: the site build moves Gatsby's inline scripts into files (site/src/external-scripts.mjs)."
  type        = string
  default     = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"
}

variable "noncurrent_version_retention_days" {
  description = "Days a replaced or deleted site object version is kept (a safety net behind the deploy's own grace period)."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags added to every resource, on top of the provider's default tags."
  type        = map(string)
  default     = {}
}
