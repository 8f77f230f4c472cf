// Rendering is deterministic, JSON-serialisable, and (when the local cloud's
// dependencies are installed) every policy it renders is one
// @cloud-copilot/iam-simulate accepts and evaluates as infra/ means it.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createParser } from '../src/parse-cache.mjs';
import { renderEnvironment } from '../src/render/index.mjs';
import { REAL_INFRA } from './support/infra-copy.mjs';

const parse = createParser();
const SIMULATOR = path.join(REAL_INFRA, 'local', 'node_modules', '@cloud-copilot', 'iam-simulate', 'dist', 'esm', 'index.js');

function policiesOf(model) {
  return [
    ...model.roles.flatMap((role) => [{ kind: 'trust', name: `${role.name} trust`, document: role.trustPolicy }, ...role.policies.map((p) => ({ kind: 'identity', name: `${role.name} ${p.name}`, document: p.document, origins: p.statementOrigins }))]),
    ...model.buckets.filter((b) => b.policy).map((b) => ({ kind: 'resource', name: b.name, document: b.policy, origins: b.statementOrigins })),
    ...model.keys.map((k) => ({ kind: 'resource', name: k.arn, document: k.policy, origins: k.statementOrigins })),
  ];
}

test('render: two renders of each environment are deep-equal and survive JSON', async () => {
  for (const environment of ['local', 'dev', 'prod']) {
    const first = await renderEnvironment({ infraDir: REAL_INFRA, environment, parse });
    const second = await renderEnvironment({ infraDir: REAL_INFRA, environment, parse });
    assert.deepEqual(first, second, environment);
    assert.deepEqual(JSON.parse(JSON.stringify(first)), first, `${environment} is plain JSON`);
    const text = JSON.stringify(first);
    assert.ok(!text.includes('${'), `${environment}: no unresolved interpolation`);
    for (const policy of policiesOf(first)) {
      assert.equal(policy.document.Version, '2012-10-17');
      if (policy.origins) assert.equal(policy.origins.length, policy.document.Statement.length, `${policy.name}: one origin per statement`);
      for (const statement of policy.document.Statement) {
        assert.deepEqual(Object.keys(statement).filter((key) => !['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition'].includes(key)), [], policy.name);
      }
    }
  }
});

if (existsSync(SIMULATOR)) {
  test('render: @cloud-copilot/iam-simulate accepts every rendered policy and admits the deploy role to the local store', async () => {
    const { runSimulation } = await import(pathToFileURL(SIMULATOR).href);
    const model = await renderEnvironment({ infraDir: REAL_INFRA, environment: 'local', parse });
    const request = (role, action, resource, account, contextVariables = {}) => ({
      principal: `arn:aws:sts::${role.account}:assumed-role/${role.name}/render-test`,
      action,
      resource: { resource, accountId: account },
      contextVariables: { 'aws:SecureTransport': 'true', 'aws:PrincipalArn': role.arn, ...contextVariables },
    });
    const simulate = (role, action, resource, account, resourcePolicy, contextVariables) => runSimulation({
      request: request(role, action, resource, account, contextVariables),
      identityPolicies: role.policies.map((p) => ({ name: p.name, policy: p.document })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy,
    }, {});

    const deploy = model.roles.find((r) => r.arn === model.deployRoleArn);
    const build = model.roles.find((r) => r.arn === model.buildRoleArn);
    for (const policy of policiesOf(model)) {
      const simulation = {
        request: request(deploy, 's3:GetObject', 'arn:aws:s3:::any-bucket/key', deploy.account),
        identityPolicies: policy.kind === 'identity' ? [{ name: 'policy', policy: policy.document }] : [],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: policy.kind === 'identity' ? undefined : policy.document,
      };
      const result = await runSimulation(simulation, {});
      assert.equal(result.errors, undefined, `${policy.name}: ${JSON.stringify(result.errors)}`);
    }

    const store = model.buckets.find((b) => b.encryption.kmsKeyArn && b.account === build.account);
    const read = await simulate(deploy, 's3:GetObject', `${store.arn}/functions/x.zip`, store.account, store.policy);
    assert.equal(read.overallResult, 'Allowed', 'the deploy role reads artifacts across accounts');
    const upload = await simulate(build, 's3:PutObject', `${store.arn}/functions/x.zip`, store.account, store.policy, { 's3:x-amz-server-side-encryption': 'aws:kms', 's3:x-amz-server-side-encryption-aws-kms-key-id': store.encryption.kmsKeyArn });
    assert.equal(upload.overallResult, 'Allowed', 'the build uploads with SSE-KMS and the store\'s key');
    const plain = await simulate(build, 's3:PutObject', `${store.arn}/functions/x.zip`, store.account, store.policy, { 's3:x-amz-server-side-encryption': 'AES256' });
    assert.equal(plain.overallResult, 'ExplicitlyDenied', 'an upload without SSE-KMS is denied');
  });
}
