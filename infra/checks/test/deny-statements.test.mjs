import { test } from 'node:test';
import { assertFindings, assertOnly, seeded } from './support/infra-copy.mjs';

test('deny-statements: private-bucket without the wrong-key deny is reported once, in the module', async () => {
  const findings = await seeded('deny-statements', (infra) =>
    infra.replace('modules/private-bucket/main.tf', 'test     = "StringNotEquals"\n        variable = "s3:x-amz-server-side-encryption-aws-kms-key-id"', 'test     = "StringNotEquals"\n        variable = "s3:x-amz-server-side-encryption-context"'));
  assertOnly(findings, 'modules/private-bucket/main.tf', /aws_s3_bucket\.protected \/ aws_s3_bucket\.this.*lacks the deny of uploads naming another key \(.*var\.kms_key_arn/);
});

test('deny-statements: private-bucket accepting uploads without SSE-KMS is reported', async () => {
  const findings = await seeded('deny-statements', (infra) =>
    infra.replace('modules/private-bucket/main.tf', 'values   = ["aws:kms"]', 'values   = ["AES256"]'));
  assertOnly(findings, 'modules/private-bucket/main.tf', /lacks the deny of uploads without SSE-KMS/);
});

test('deny-statements: private-bucket whose policy does not deny plain HTTP is reported', async () => {
  const findings = await seeded('deny-statements', (infra) =>
    infra.replace('modules/private-bucket/main.tf', 'variable = "aws:SecureTransport"\n      values   = ["false"]', 'variable = "aws:SecureTransport"\n      values   = ["true"]'));
  assertOnly(findings, 'modules/private-bucket/main.tf', /lacks the deny of non-TLS requests/);
});

// Both forms of private-bucket's bucket (plain and prevent_destroy) are one bucket to the check.
test('deny-statements: a public access block left open is reported once for both forms of the bucket', async () => {
  const findings = await seeded('deny-statements', (infra) =>
    infra.replace('modules/private-bucket/main.tf', 'restrict_public_buckets = true', 'restrict_public_buckets = false'));
  assertOnly(findings, 'modules/private-bucket/main.tf', /\(aws_s3_bucket\.protected \/ aws_s3_bucket\.this\).*leaves restrict_public_buckets off/);
});

test('deny-statements: a bucket without a policy is reported', async () => {
  const findings = await seeded('deny-statements', (infra) =>
    infra.replace('modules/private-bucket/main.tf', 'resource "aws_s3_bucket_policy" "this" {\n  bucket = local.bucket.id', 'resource "aws_s3_bucket_policy" "this" {\n  bucket = "some-other-bucket"'));
  assertOnly(findings, 'modules/private-bucket/main.tf', /has no bucket policy/);
});

test('deny-statements: a bucket written outside private-bucket, without its hardening, is reported', async () => {
  const findings = await seeded('deny-statements', (infra) =>
    infra.write('modules/static-site/logs.tf', 'resource "aws_s3_bucket" "logs" {\n  bucket = "${var.name}-logs"\n}\n'));
  assertFindings(findings, [
    ['modules/static-site/logs.tf', /aws_s3_bucket\.logs.*has no aws_s3_bucket_public_access_block/],
    ['modules/static-site/logs.tf', /aws_s3_bucket\.logs.*has no bucket policy/],
  ]);
});

test('deny-statements: a bucket outside private-bucket with its own KMS key needs the key denies', async () => {
  const findings = await seeded('deny-statements', (infra) =>
    infra.write('modules/artifact-store/logs.tf', `resource "aws_s3_bucket" "logs" {
  bucket = "\${var.bucket_name}-logs"
}

resource "aws_s3_bucket_public_access_block" "logs" {
  bucket                  = aws_s3_bucket.logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.this.arn
    }
    bucket_key_enabled = true
  }
}

data "aws_iam_policy_document" "logs" {
  statement {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = ["\${aws_s3_bucket.logs.arn}/*"]
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = data.aws_iam_policy_document.logs.json
}
`));
  assertFindings(findings, [
    ['modules/artifact-store/logs.tf', /aws_s3_bucket\.logs.*lacks the deny of uploads without SSE-KMS/],
    ['modules/artifact-store/logs.tf', /aws_s3_bucket\.logs.*lacks the deny of uploads naming another key \(.*aws_kms_key\.this\.arn/],
  ]);
});

test('deny-statements: a call of private-bucket is checked with its arguments (key without bucket key)', async () => {
  const findings = await seeded('deny-statements', (infra) =>
    infra.replace('modules/artifact-store/main.tf', 'bucket_key_enabled = true', 'bucket_key_enabled = false'));
  assertOnly(findings, 'modules/artifact-store/main.tf', /module\.bucket aws_s3_bucket\.protected \/ aws_s3_bucket\.this.*with this call's arguments: SSE-KMS default encryption should enable the bucket key/);
});

test('deny-statements: a wrong-key deny naming something other than the encryption key is reported', async () => {
  const findings = await seeded('deny-statements', (infra) =>
    infra.replace('modules/private-bucket/main.tf', 'values   = [var.kms_key_arn]', 'values   = [var.bucket_name]'));
  assertOnly(findings, 'modules/private-bucket/main.tf', /lacks the deny of uploads naming another key/);
});

test('deny-statements: a unit calling private-bucket directly is checked with its inputs', async () => {
  const findings = await seeded('deny-statements', (infra) =>
    infra.unit('development/eu-central-1/logs-bucket', 'private-bucket', `  bucket_name   = "logs"
  sse_algorithm = "aws:kms"
  kms_key_arn   = "arn:aws:kms:eu-central-1:123456789012:key/logs"`));
  assertOnly(findings, 'live/development/eu-central-1/logs-bucket/terragrunt.hcl', /module "private-bucket" aws_s3_bucket\.protected \/ aws_s3_bucket\.this.*with this call's arguments: SSE-KMS default encryption should enable the bucket key/);
});

test('deny-statements: override documents on a bucket policy, which could replace the denies, are reported', async () => {
  const findings = await seeded('deny-statements', (infra) =>
    infra.replace('modules/private-bucket/main.tf', '  source_policy_documents = var.policy_documents\n', '  source_policy_documents   = var.policy_documents\n  override_policy_documents = var.policy_documents\n'));
  assertOnly(findings, 'modules/private-bucket/main.tf', /override_policy_documents/);
});
