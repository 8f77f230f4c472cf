# The site: a private bucket read only by this distribution (origin access
# control), a us-east-1 certificate, security headers on every response, and
# /api/* sent to the contact API so the form posts to the same origin.

data "aws_partition" "current" {}

locals {
  partition  = data.aws_partition.current.partition
  bucket_arn = "arn:${local.partition}:s3:::${var.bucket_name}"
  s3_origin  = "site-bucket"
  api_origin = "contact-api"
}

# --- bucket --------------------------------------------------------------------

data "aws_iam_policy_document" "site_bucket" {
  statement {
    sid    = "ReadByThisDistributionOnly"
    effect = "Allow"
    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }
    actions   = ["s3:GetObject"]
    resources = ["${local.bucket_arn}/*"]
    condition {
      test     = "StringEquals"
      variable = "AWS:SourceArn"
      values   = [aws_cloudfront_distribution.site.arn]
    }
  }

  # Nobody else reads the site's objects directly, not even an administrator of
  # this account whose IAM policy allows s3:GetObject: only this distribution
  # (AWS:SourceArn) and the roles that sync the bucket (aws:PrincipalArn). A
  # request must fail both tests to be denied; a service request carries no
  # aws:PrincipalArn, a role session no AWS:SourceArn.
  statement {
    sid    = "DenyReadsOutsideDistribution"
    effect = "Deny"
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    actions   = ["s3:GetObject", "s3:GetObjectVersion"]
    resources = ["${local.bucket_arn}/*"]
    condition {
      test     = "StringNotEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudfront_distribution.site.arn]
    }
    condition {
      test     = "ArnNotEquals"
      variable = "aws:PrincipalArn"
      values   = var.deployer_role_arns
    }
  }
}

module "bucket" {
  source = "../private-bucket"

  bucket_name      = var.bucket_name
  policy_documents = [data.aws_iam_policy_document.site_bucket.json]
  lifecycle_rules = [{
    id                                     = "expire-replaced-versions"
    noncurrent_version_expiration_days     = var.noncurrent_version_retention_days
    abort_incomplete_multipart_upload_days = 7
  }]
  tags = var.tags
}

# --- certificate (CloudFront takes certificates from us-east-1 only) -----------

data "aws_route53_zone" "site" {
  provider     = aws.dns
  name         = var.zone_name
  private_zone = false
}

resource "aws_acm_certificate" "site" {
  provider          = aws.us_east_1
  domain_name       = var.domain_name
  validation_method = "DNS"
  tags              = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_route53_record" "certificate_validation" {
  provider = aws.dns
  for_each = {
    for option in aws_acm_certificate.site.domain_validation_options : option.domain_name => option
  }

  zone_id         = data.aws_route53_zone.site.zone_id
  name            = each.value.resource_record_name
  type            = each.value.resource_record_type
  records         = [each.value.resource_record_value]
  ttl             = 300
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "site" {
  provider                = aws.us_east_1
  certificate_arn         = aws_acm_certificate.site.arn
  validation_record_fqdns = [for record in aws_route53_record.certificate_validation : record.fqdn]
}

# --- distribution -------------------------------------------------------------

resource "aws_cloudfront_origin_access_control" "site" {
  name                              = "${var.name}-site"
  description                       = "CloudFront reads ${var.bucket_name}"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

# The release switch: the viewer-request function reads the live release from
# this store on every request, so promoting (or rolling back) a release is one
# PutKey that reaches the edges in seconds, with no invalidation. A function
# takes at most one store, and reads it only in runtime cloudfront-js-2.0.
resource "aws_cloudfront_key_value_store" "releases" {
  name    = "${var.name}-releases"
  comment = "Live release of ${var.domain_name}"
}

resource "aws_cloudfront_function" "directory_index" {
  name                         = "${var.name}-directory-index"
  runtime                      = "cloudfront-js-2.0"
  comment                      = "Maps directory paths to index.html"
  publish                      = true
  code                         = file("${path.module}/directory-index.js")
  key_value_store_associations = [aws_cloudfront_key_value_store.releases.arn]
}

resource "aws_cloudfront_response_headers_policy" "security" {
  name    = "${var.name}-security-headers"
  comment = "Security headers on every response"

  security_headers_config {
    strict_transport_security {
      access_control_max_age_sec = 63072000
      include_subdomains         = true
      preload                    = true
      override                   = true
    }
    content_type_options {
      override = true
    }
    frame_options {
      frame_option = "DENY"
      override     = true
    }
    referrer_policy {
      referrer_policy = "strict-origin-when-cross-origin"
      override        = true
    }
    xss_protection {
      protection = true
      mode_block = true
      override   = true
    }
    content_security_policy {
      content_security_policy = var.content_security_policy
      override                = true
    }
  }
}

data "aws_cloudfront_cache_policy" "optimized" {
  name = "Managed-CachingOptimized"
}

data "aws_cloudfront_cache_policy" "disabled" {
  name = "Managed-CachingDisabled"
}

# The HTTP API must see its own host name, so the viewer's Host is not sent.
data "aws_cloudfront_origin_request_policy" "api" {
  name = "Managed-AllViewerExceptHostHeader"
}

resource "aws_cloudfront_distribution" "site" {
  enabled             = true
  is_ipv6_enabled     = true
  http_version        = "http2and3"
  comment             = var.domain_name
  aliases             = [var.domain_name]
  default_root_object = "index.html"
  price_class         = var.price_class

  origin {
    origin_id                = local.s3_origin
    domain_name              = module.bucket.bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.site.id
  }

  origin {
    origin_id   = local.api_origin
    domain_name = var.api_domain_name
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id           = local.s3_origin
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD", "OPTIONS"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = data.aws_cloudfront_cache_policy.optimized.id
    response_headers_policy_id = aws_cloudfront_response_headers_policy.security.id

    function_association {
      event_type   = "viewer-request"
      function_arn = aws_cloudfront_function.directory_index.arn
    }
  }

  ordered_cache_behavior {
    path_pattern               = var.api_path_pattern
    target_origin_id           = local.api_origin
    viewer_protocol_policy     = "https-only"
    allowed_methods            = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = data.aws_cloudfront_cache_policy.disabled.id
    origin_request_policy_id   = data.aws_cloudfront_origin_request_policy.api.id
    response_headers_policy_id = aws_cloudfront_response_headers_policy.security.id
  }

  # Custom error responses apply to the whole distribution, /api/* included. The bucket policy
  # grants s3:GetObject only, so S3 answers a missing key with 403, and 403 alone is mapped to the
  # site's 404 page. The contact API never answers 403 (its route has no authorizer and the
  # function's errors are 400/405/413/415/502), so its JSON errors, API Gateway's 404
  # {"message":"Not Found"} for an unknown /api/ path included, reach the browser unchanged.
  # Granting CloudFront s3:ListBucket would turn missing pages into S3's XML 404: don't.
  custom_error_response {
    error_code            = 403
    response_code         = 404
    response_page_path    = "/404.html"
    error_caching_min_ttl = 60
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn      = aws_acm_certificate_validation.site.certificate_arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }

  tags = var.tags
}

# --- DNS -----------------------------------------------------------------------

resource "aws_route53_record" "site" {
  provider = aws.dns
  for_each = toset(["A", "AAAA"])

  zone_id = data.aws_route53_zone.site.zone_id
  name    = var.domain_name
  type    = each.value

  alias {
    name                   = aws_cloudfront_distribution.site.domain_name
    zone_id                = aws_cloudfront_distribution.site.hosted_zone_id
    evaluate_target_health = false
  }
}
