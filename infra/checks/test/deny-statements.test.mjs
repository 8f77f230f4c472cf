import { test } from 'node:test';
import { assertOnly, seeded } from './support/infra-copy.mjs';

test('deny-statements: an artifact bucket without the wrong-key deny is reported', async () => {
  const findings = await seeded('deny-statements', (infra) =>
    infra.replace('modules/artifact-store/main.tf', 'variable = "s3:x-amz-server-side-encryption-aws-kms-key-id"', 'variable = "s3:x-amz-server-side-encryption-context"'));
  assertOnly(findings, 'modules/artifact-store/main.tf', /aws_s3_bucket\.this.*lacks the deny of uploads naming another key/);
});

test('deny-statements: an artifact bucket accepting uploads without SSE-KMS is reported', async () => {
  const findings = await seeded('deny-statements', (infra) =>
    infra.replace('modules/artifact-store/main.tf', 'values   = ["aws:kms"]', 'values   = ["AES256"]'));
  assertOnly(findings, 'modules/artifact-store/main.tf', /aws_s3_bucket\.this.*lacks the deny of uploads without SSE-KMS/);
});

test('deny-statements: a bucket policy that does not deny plain HTTP is reported', async () => {
  const findings = await seeded('deny-statements', (infra) =>
    infra.replace('modules/static-site/main.tf', 'values   = ["false"]', 'values   = ["true"]'));
  assertOnly(findings, 'modules/static-site/main.tf', /aws_s3_bucket\.site.*lacks the deny of non-TLS requests/);
});

test('deny-statements: a public access block left open is reported', async () => {
  const findings = await seeded('deny-statements', (infra) =>
    infra.replace('modules/mail-forwarder/main.tf', 'restrict_public_buckets = true', 'restrict_public_buckets = false'));
  assertOnly(findings, 'modules/mail-forwarder/main.tf', /aws_s3_bucket\.mail.*leaves restrict_public_buckets off/);
});

test('deny-statements: a bucket without a policy is reported', async () => {
  const findings = await seeded('deny-statements', (infra) =>
    infra.replace('modules/state-backend/main.tf', 'resource "aws_s3_bucket_policy" "state" {\n  bucket = aws_s3_bucket.state.id', 'resource "aws_s3_bucket_policy" "state" {\n  bucket = "some-other-bucket"'));
  assertOnly(findings, 'modules/state-backend/main.tf', /aws_s3_bucket\.state.*has no bucket policy/);
});
