output "identity_arn" {
  description = "ARN of the SES domain identity."
  value       = aws_sesv2_email_identity.this.arn
}

output "zone_id" {
  description = "ID of the hosted zone holding the domain's records (for further records such as MX)."
  value       = data.aws_route53_zone.this.zone_id
}
