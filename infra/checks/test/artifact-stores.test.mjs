import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertOnly, seeded } from './support/infra-copy.mjs';

const DEPLOY_REGION = `      provider        = "CodeBuild"
      version         = "1"
      region          = local.region`;

test('artifact-stores: an action in a region without a store is reported', async () => {
  const findings = await seeded('artifact-stores', (infra) =>
    infra.replace('modules/pipeline/main.tf', DEPLOY_REGION, DEPLOY_REGION.replace('local.region', '"us-west-2"')));
  assertOnly(findings, 'modules/pipeline/main.tf', /stage "Deploy" action "Deploy".*runs in us-west-2, which has no artifact store/);
});

test('artifact-stores: a store encrypted through an alias is reported', async () => {
  const findings = await seeded('artifact-stores', (infra) =>
    infra.replace('modules/pipeline/main.tf', 'id   = artifact_store.value.kms_key_arn', 'id   = "alias/artifacts"'));
  assertOnly(findings, 'modules/pipeline/main.tf', /artifact_store.*names key "alias\/artifacts", which is not a key ARN/);
});

test('artifact-stores: a store key that is not of type KMS is reported', async () => {
  const findings = await seeded('artifact-stores', (infra) =>
    infra.replace('modules/pipeline/main.tf', 'type = "KMS"', 'type = "S3"'));
  assertOnly(findings, 'modules/pipeline/main.tf', /encryption_key type is S3, not KMS/);
});

test('artifact-stores: action regions not tied to the stores by a precondition are reported', async () => {
  const findings = await seeded('artifact-stores', (infra) =>
    infra.replace('modules/pipeline/main.tf', 'condition     = contains(keys(var.artifact_stores), local.region)', 'condition     = length(var.artifact_stores) > 0'));
  assert.equal(findings.length, 3, findings.join('\n'));
  for (const line of findings) assert.match(line, /action .*add a lifecycle precondition that the artifact stores contain that region/);
});

test('artifact-stores: a key without rotation is reported', async () => {
  const findings = await seeded('artifact-stores', (infra) =>
    infra.replace('modules/artifact-store/main.tf', 'enable_key_rotation     = true', 'enable_key_rotation     = false'));
  assertOnly(findings, 'modules/artifact-store/main.tf', /aws_kms_key\.this.*does not enable key rotation/);
});
