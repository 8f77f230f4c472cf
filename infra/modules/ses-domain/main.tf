# An SES domain identity in the provider's region, verified by publishing its
# Easy DKIM records in the public zone (provider aws.dns).

data "aws_route53_zone" "this" {
  provider     = aws.dns
  name         = var.zone_name
  private_zone = false
}

resource "aws_sesv2_email_identity" "this" {
  email_identity = var.domain
  tags           = var.tags
}

# Easy DKIM always issues three tokens; publishing them verifies the domain.
resource "aws_route53_record" "dkim" {
  provider = aws.dns
  count    = 3

  zone_id = data.aws_route53_zone.this.zone_id
  name    = "${aws_sesv2_email_identity.this.dkim_signing_attributes[0].tokens[count.index]}._domainkey.${var.domain}"
  type    = "CNAME"
  ttl     = 1800
  records = ["${aws_sesv2_email_identity.this.dkim_signing_attributes[0].tokens[count.index]}.dkim.amazonses.com"]
}
