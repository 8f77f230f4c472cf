# The public zone lives in shared services; the environments' units write
# their records into it through a second provider (alias "dns").
resource "aws_route53_zone" "this" {
  name    = var.zone_name
  comment = "Site, certificate validation and mail records"
  tags    = var.tags

  lifecycle {
    prevent_destroy = true
  }
}
