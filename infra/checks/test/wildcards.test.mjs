import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertOnly, seeded } from './support/infra-copy.mjs';

test('wildcards: a whole-service action is reported', async () => {
  const findings = await seeded('wildcards', (infra) =>
    infra.replace('modules/deploy-role/main.tf', '"cloudfront:GetInvalidation",', '"cloudfront:*",'));
  assertOnly(findings, 'modules/deploy-role/main.tf', /statement "InvalidateDistribution".*allows "cloudfront:\*"/);
});

test('wildcards: a "*" resource outside the allow-list is reported', async () => {
  const findings = await seeded('wildcards', (infra) =>
    infra.replace('modules/pipeline/main.tf', 'resources = [var.deploy_role_arn]', 'resources = ["*"]'));
  assertOnly(findings, 'modules/pipeline/main.tf', /statement "AssumeDeployRole".*resource "\*" is a wildcard/);
});

test('wildcards: "*" resources stay allowed in key policies only (the allow-list)', async () => {
  const findings = await seeded('wildcards', (infra) =>
    infra.replace('modules/artifact-store/main.tf', 'policy                  = data.aws_iam_policy_document.key.json', 'policy                  = data.aws_iam_policy_document.key.json\n}\n\nresource "aws_iam_policy" "copy" {\n  policy = data.aws_iam_policy_document.key.json'));
  // The key document is now also an IAM policy, where "*" means every resource.
  assert.equal(findings.length, 3, findings.join('\n'));
  for (const line of findings) assert.match(line, /modules\/artifact-store\/main\.tf.*resource "\*" is a wildcard/);
});

test('wildcards: actions computed from a variable cannot be reviewed', async () => {
  const findings = await seeded('wildcards', (infra) =>
    infra.replace('modules/deploy-role/main.tf', 'actions   = ["s3:ListBucket"]\n    resources = [local.site_bucket_arn]', 'actions   = var.extra_actions\n    resources = [local.site_bucket_arn]'));
  assertOnly(findings, 'modules/deploy-role/main.tf', /statement "ListSiteBucket".*actions must be a literal list/);
});

test('wildcards: a statement passed into lambda-function is checked where it is written', async () => {
  const findings = await seeded('wildcards', (infra) =>
    infra.replace('modules/mail-forwarder/main.tf', 'actions   = ["ses:SendEmail", "ses:SendRawEmail"]', 'actions   = ["ses:*"]'));
  assertOnly(findings, 'modules/mail-forwarder/main.tf', /data\.aws_iam_policy_document\.function statement "SendFromForwarderOnly".*allows "ses:\*"/);
});

test('wildcards: a key policy document passed to private-bucket is a bucket policy there, so "*" is refused', async () => {
  const findings = await seeded('wildcards', (infra) =>
    infra.replace('modules/artifact-store/main.tf', 'policy_documents   = [data.aws_iam_policy_document.bucket.json]', 'policy_documents   = [data.aws_iam_policy_document.bucket.json, data.aws_iam_policy_document.key.json]'));
  assert.equal(findings.length, 3, findings.join('\n'));
  for (const line of findings) assert.match(line, /modules\/artifact-store\/main\.tf.*data\.aws_iam_policy_document\.key.*resource "\*" is a wildcard/);
});
