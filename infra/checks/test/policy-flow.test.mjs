import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadInfraTree } from '../src/infra-tree.mjs';
import { allCalls, instantiate } from '../src/module-calls.mjs';
import { policyDocuments, policyFlow } from '../src/policy-documents.mjs';
import { REAL_INFRA } from './support/infra-copy.mjs';

const tree = await loadInfraTree(REAL_INFRA);

test('policy flow: documents reach their resource through module calls', () => {
  const flow = policyFlow(tree);
  const uses = (module, document) => flow.usesOf(tree.modules.get(module), { document });
  // contact-api → lambda-function (source document) → service-role → the role policy
  assert.deepEqual(uses('contact-api', 'function'), ['aws_iam_role_policy.policy']);
  assert.deepEqual(uses('static-site', 'site_bucket'), ['aws_s3_bucket_policy.policy']);
  assert.deepEqual(uses('pipeline', 'artifact_stores'), ['aws_iam_role_policy.policy']);
  assert.deepEqual(uses('artifact-store', 'key'), ['aws_kms_key.policy']);
  assert.deepEqual(flow.usesOf(tree.modules.get('lambda-function'), { variable: 'function_name' }), []);
});

test('module calls: every private-bucket call, instantiated, carries its own key into the deny', async () => {
  const calls = (await allCalls(tree)).filter((call) => call.target.name === 'private-bucket');
  assert.deepEqual(calls.map((call) => call.caller.name).sort(), ['artifact-store', 'mail-forwarder', 'organization', 'state-backend', 'static-site']);
  const artifactStore = calls.find((call) => call.caller.name === 'artifact-store');
  const deny = policyDocuments(instantiate(artifactStore))
    .find((document) => document.name === 'this')
    .statements.find((statement) => statement.sid === 'DenyWrongKmsKey');
  assert.deepEqual(deny.conditions[0].values, ['${aws_kms_key.this.arn}']);
});
