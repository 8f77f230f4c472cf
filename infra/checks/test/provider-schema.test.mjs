import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { providerSchema } from '../src/checks/provider-schema.mjs';
import { formatSchema } from '../src/provider-schema/from-jsii.mjs';
import { assertOnly, seeded } from './support/infra-copy.mjs';

test('provider-schema: an argument the provider does not have is reported', async () => {
  const findings = await seeded('provider-schema', (infra) =>
    infra.replace('modules/pipeline/main.tf', '  build_timeout  = var.build_timeout_minutes\n', '  build_timeout  = var.build_timeout_minutes\n  build_timout   = 5\n'));
  assertOnly(findings, 'modules/pipeline/main.tf', /aws_codebuild_project\.this\).*"build_timout" is not an argument or block .*build_timeout/);
});

test('provider-schema: a nested block is checked inside a dynamic block, argument by argument', async () => {
  const findings = await seeded('provider-schema', (infra) =>
    infra.replace('modules/pipeline/main.tf', '        id   = artifact_store.value.kms_key_arn\n', '        id   = artifact_store.value.kms_key_arn\n        key_arn = artifact_store.value.kms_key_arn\n'));
  assertOnly(findings, 'modules/pipeline/main.tf', /aws_codepipeline\.this\).*aws_codepipeline\.artifact_store\.encryption_key: "key_arn" is not an argument/);
});

test('provider-schema: a missing required argument and an unknown resource type are reported', async () => {
  const missing = await seeded('provider-schema', (infra) =>
    infra.replace('modules/pipeline/main.tf', '  role_arn      = module.pipeline_role.arn\n', ''));
  assertOnly(missing, 'modules/pipeline/main.tf', /aws_codepipeline\.this\).*the required argument "role_arn" is missing/);
  const unknown = await seeded('provider-schema', (infra) =>
    infra.replace('modules/pipeline/main.tf', 'resource "aws_cloudwatch_log_group" "build"', 'resource "aws_cloudwatch_loggroup" "build"'));
  assertOnly(unknown, 'modules/pipeline/main.tf', /aws_cloudwatch_loggroup is not a resource of the AWS provider 5\.99\.1/);
});

test('provider-schema: the committed schema is the AWS provider 5.x from @cdktf/provider-aws 19.x, as the extractor formats it', () => {
  const schema = providerSchema();
  assert.match(schema.provider, /^5\./);
  assert.match(schema.package, /^@cdktf\/provider-aws@19\./);
  assert.ok(Object.keys(schema.resources).length > 1000 && Object.keys(schema.dataSources).length > 400);
  assert.deepEqual(schema.resources.aws_kms_alias.arguments, { name: false, name_prefix: false, target_key_id: true, id: false });
  const text = readFileSync(new URL('../data/aws-provider-schema.json', import.meta.url), 'utf8');
  assert.equal(formatSchema(schema), text, 'data/aws-provider-schema.json is exactly what scripts/extract-provider-schema.mjs writes');
});

// The package is 34 MB packed (360 MB unpacked), so it is never a dependency: the test packs it
// from the registry (npm's cache keeps it) unless INFRA_PROVIDER_PACKAGE names a tarball or folder.
test('provider-schema: the committed schema matches @cdktf/provider-aws itself', async () => {
  const { extract, packed } = await import('../scripts/extract-provider-schema.mjs');
  const text = readFileSync(new URL('../data/aws-provider-schema.json', import.meta.url), 'utf8');
  const source = process.env.INFRA_PROVIDER_PACKAGE ? { file: process.env.INFRA_PROVIDER_PACKAGE, cleanup: () => {} } : packed();
  try {
    assert.equal(extract(source.file), text, 'data/aws-provider-schema.json differs from the package; fix: node scripts/extract-provider-schema.mjs');
  } finally {
    source.cleanup();
  }
});
