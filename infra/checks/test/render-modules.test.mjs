// The rendered model of `local` (virtual units mirroring dev's) and `dev`
// (the real units), module by module.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { createParser } from '../src/parse-cache.mjs';
import { renderEnvironment } from '../src/render/index.mjs';
import { REAL_INFRA } from './support/infra-copy.mjs';

const parse = createParser();
const local = renderEnvironment({ infraDir: REAL_INFRA, environment: 'local', parse });
const dev = renderEnvironment({ infraDir: REAL_INFRA, environment: 'dev', parse });
// A failed render fails the tests that await it, not the process.
local.catch(() => {});
dev.catch(() => {});

const LOCAL = '000000000000';
const LOCAL_SHARED = '000000000001';
const DEV = '333333333333';
const SHARED = '222222222222';
const PROD = '444444444444';

const role = (model, name, account) => {
  const found = model.roles.filter((r) => r.name === name && r.account === account);
  assert.equal(found.length, 1, `one role ${name} in ${account}, roles: ${model.roles.map((r) => `${r.account}/${r.name}`).join(', ')}`);
  return found[0];
};
const policy = (r, name) => {
  const found = r.policies.find((p) => p.name === name);
  assert.ok(found, `role ${r.name} has an inline policy ${name}`);
  return found;
};
const statement = (document, sid) => {
  const found = document.Statement.filter((s) => s.Sid === sid);
  assert.equal(found.length, 1, `one statement ${sid} in ${JSON.stringify(document)}`);
  return found[0];
};
const originOf = (entry, sid) => entry.statementOrigins[(entry.document ?? entry.policy).Statement.findIndex((s) => s.Sid === sid)];
const bucket = (model, name) => {
  const found = model.buckets.find((b) => b.name === name);
  assert.ok(found, `bucket ${name} among ${model.buckets.map((b) => b.name).join(', ')}`);
  return found;
};
const keyIn = (model, region) => {
  const found = model.keys.filter((k) => k.region === region);
  assert.equal(found.length, 1, `one key in ${region}`);
  return found[0];
};
const fn = (model, name) => {
  const found = model.functions.find((f) => f.name === name);
  assert.ok(found, `function ${name}`);
  return found;
};
const role0 = (account, name) => `arn:aws:iam::${account}:role/${name}`;
const root = (account) => `arn:aws:iam::${account}:root`;

test('render: local is laid out as virtual units mirroring dev\'s, in local and local-shared', async () => {
  const model = await local;
  assert.equal(model.environment, 'local');
  assert.equal(model.partition, 'aws');
  assert.deepEqual(model.accounts, { local: LOCAL, 'local-shared': LOCAL_SHARED });
  const units = Object.fromEntries(model.units.map((u) => [u.path, u]));
  for (const path of ['live/local/global/deploy-role', 'live/local/eu-central-1/static-site', 'live/local/eu-central-1/contact-api', 'live/local/eu-west-1/mail-forwarder', 'live/local-shared/eu-central-1/artifact-store/local', 'live/local-shared/eu-west-1/artifact-store/local', 'live/local-shared/eu-central-1/pipeline/local', 'live/local-shared/eu-central-1/code-repository']) {
    assert.ok(units[path], `unit ${path} among ${Object.keys(units).join(', ')}`);
    assert.equal(units[path].virtual, true);
  }
  assert.deepEqual(units['live/local/global/deploy-role'], { path: 'live/local/global/deploy-role', module: 'deploy-role', account: LOCAL, region: 'eu-central-1', virtual: true });
  assert.equal(units['live/local/eu-west-1/mail-forwarder'].region, 'eu-west-1');
  assert.equal(units['live/local-shared/eu-central-1/pipeline/local'].account, LOCAL_SHARED);
  assert.ok(model.units.every((u) => /^live\/local(-shared)?\//.test(u.path)), 'nothing of dev\'s accounts');
  assert.equal(model.buildRoleArn, role0(LOCAL_SHARED, 'jamstack-local-build'));
  assert.equal(model.deployRoleArn, role0(LOCAL, 'jamstack-deploy'));
});

test('render: dev is rendered from the real units of development and shared', async () => {
  const model = await dev;
  assert.deepEqual(model.accounts, { development: DEV, shared: SHARED });
  const paths = model.units.map((u) => u.path);
  for (const path of ['live/development/global/deploy-role', 'live/shared/eu-central-1/artifact-store/dev', 'live/shared/eu-west-1/artifact-store/dev', 'live/shared/eu-central-1/pipeline/dev', 'live/shared/eu-central-1/code-repository']) assert.ok(paths.includes(path), path);
  assert.ok(!paths.includes('live/shared/eu-central-1/pipeline/prod'), 'not prod\'s pipeline');
  assert.ok(!paths.some((p) => p.endsWith('/artifact-store/prod')), 'not prod\'s stores');
  assert.ok(model.units.every((u) => u.virtual === false));
  assert.equal(model.buildRoleArn, role0(SHARED, 'jamstack-dev-build'));
  assert.equal(model.deployRoleArn, role0(DEV, 'jamstack-deploy'));
});

test('render deploy-role: trusted by exactly the environment\'s build role, through its account and aws:PrincipalArn', async () => {
  const deploy = role(await local, 'jamstack-deploy', LOCAL);
  assert.equal(deploy.arn, role0(LOCAL, 'jamstack-deploy'));
  assert.equal(deploy.service, null);
  assert.equal(deploy.origin, 'live/local/global/deploy-role aws_iam_role.this');
  assert.deepEqual(deploy.trustPolicy, {
    Version: '2012-10-17',
    Statement: [{
      Sid: 'AssumedByBuildRoleOnly',
      Effect: 'Allow',
      Action: ['sts:AssumeRole'],
      Principal: { AWS: [root(LOCAL_SHARED)] },
      Condition: { ArnEquals: { 'aws:PrincipalArn': [role0(LOCAL_SHARED, 'jamstack-local-build')] } },
    }],
  });
  const devDeploy = role(await dev, 'jamstack-deploy', DEV);
  assert.deepEqual(devDeploy.trustPolicy.Statement[0].Principal, { AWS: [root(SHARED)] });
  assert.deepEqual(devDeploy.trustPolicy.Statement[0].Condition, { ArnEquals: { 'aws:PrincipalArn': [role0(SHARED, 'jamstack-dev-build')] } });
});

test('render deploy-role: the deploy policy names this environment\'s site, functions, distribution and stores', async () => {
  const model = await local;
  const deploy = policy(role(model, 'jamstack-deploy', LOCAL), 'deploy');
  const keys = ['eu-central-1', 'eu-west-1'].map((region) => keyIn(model, region).arn);
  assert.deepEqual(statement(deploy.document, 'ListSiteBucket').Resource, ['arn:aws:s3:::jamstack-site-local']);
  assert.deepEqual(statement(deploy.document, 'SyncSiteObjects').Resource, ['arn:aws:s3:::jamstack-site-local/*']);
  assert.deepEqual(statement(deploy.document, 'UpdateFunctions').Resource, [
    `arn:aws:lambda:eu-central-1:${LOCAL}:function:jamstack-local-contact-form`,
    `arn:aws:lambda:eu-central-1:${LOCAL}:function:jamstack-local-contact-form:*`,
    `arn:aws:lambda:eu-west-1:${LOCAL}:function:jamstack-local-mail-forwarder`,
    `arn:aws:lambda:eu-west-1:${LOCAL}:function:jamstack-local-mail-forwarder:*`,
  ]);
  assert.deepEqual(statement(deploy.document, 'InvalidateDistribution').Resource, [`arn:aws:cloudfront::${LOCAL}:distribution/ELOCAL0000000`]);
  assert.deepEqual(statement(deploy.document, 'ReadArtifacts').Resource, ['arn:aws:s3:::jamstack-artifacts-local-eu-central-1/*', 'arn:aws:s3:::jamstack-artifacts-local-eu-west-1/*']);
  assert.deepEqual(statement(deploy.document, 'DecryptArtifacts'), { Sid: 'DecryptArtifacts', Effect: 'Allow', Action: ['kms:Decrypt'], Resource: keys });
  assert.ok(deploy.statementOrigins.every((o) => o === 'modules/deploy-role/main.tf data.aws_iam_policy_document.deploy'));
  assert.equal(deploy.statementOrigins.length, deploy.document.Statement.length);

  const devDeploy = policy(role(await dev, 'jamstack-deploy', DEV), 'deploy');
  assert.deepEqual(statement(devDeploy.document, 'InvalidateDistribution').Resource, [`arn:aws:cloudfront::${DEV}:distribution/E1DEVEXAMPLE00`]);
  assert.deepEqual(statement(devDeploy.document, 'ReadArtifacts').Resource, [`arn:aws:s3:::jamstack-artifacts-dev-${SHARED}-eu-central-1/*`, `arn:aws:s3:::jamstack-artifacts-dev-${SHARED}-eu-west-1/*`]);
});

test('render artifact-store: local\'s store buckets admit the deploy role and deny what is not SSE-KMS with the region\'s key', async () => {
  const model = await local;
  for (const region of ['eu-central-1', 'eu-west-1']) {
    const key = keyIn(model, region);
    assert.match(key.keyId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(key.arn, `arn:aws:kms:${region}:${LOCAL_SHARED}:key/${key.keyId}`);
    assert.deepEqual(key.aliases, ['alias/jamstack-artifacts']);
    const store = bucket(model, `jamstack-artifacts-local-${region}`);
    assert.equal(store.account, LOCAL_SHARED);
    assert.equal(store.region, region);
    assert.equal(store.arn, `arn:aws:s3:::jamstack-artifacts-local-${region}`);
    assert.deepEqual(store.encryption, { algorithm: 'aws:kms', kmsKeyArn: key.arn });
    assert.equal(store.origin, `live/local-shared/${region}/artifact-store/local module.bucket.aws_s3_bucket.this[0]`);
    assert.deepEqual(statement(store.policy, 'ReadByDeployRoles'), {
      Sid: 'ReadByDeployRoles',
      Effect: 'Allow',
      Action: ['s3:GetObject'],
      Resource: [`${store.arn}/*`],
      Principal: { AWS: [root(LOCAL)] },
      Condition: { ArnEquals: { 'aws:PrincipalArn': [role0(LOCAL, 'jamstack-deploy')] } },
    });
    assert.equal(originOf(store, 'ReadByDeployRoles'), 'modules/artifact-store/main.tf data.aws_iam_policy_document.bucket');
    assert.deepEqual(statement(store.policy, 'DenyInsecureTransport').Condition, { Bool: { 'aws:SecureTransport': ['false'] } });
    assert.deepEqual(statement(store.policy, 'DenyInsecureTransport').Resource, [store.arn, `${store.arn}/*`]);
    assert.deepEqual(statement(store.policy, 'DenyUnencryptedObjectUploads').Condition, { StringNotEquals: { 's3:x-amz-server-side-encryption': ['aws:kms'] }, Null: { 's3:x-amz-server-side-encryption': ['false'] } });
    assert.deepEqual(statement(store.policy, 'DenyWrongKmsKey'), {
      Sid: 'DenyWrongKmsKey',
      Effect: 'Deny',
      Action: ['s3:PutObject'],
      Resource: [`${store.arn}/*`],
      Principal: { AWS: ['*'] },
      Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': [key.arn] }, Null: { 's3:x-amz-server-side-encryption-aws-kms-key-id': ['false'] } },
    });
    for (const sid of ['DenyInsecureTransport', 'DenyUnencryptedObjectUploads', 'DenyWrongKmsKey']) assert.equal(originOf(store, sid), 'modules/private-bucket/main.tf data.aws_iam_policy_document.this');

    assert.deepEqual(statement(key.policy, 'KeyAdministration').Principal, { AWS: [root(LOCAL_SHARED)] });
    // Data keys only through S3 in the key's region and only for this bucket's objects.
    const throughS3 = { StringEquals: { 'kms:ViaService': [`s3.${region}.amazonaws.com`] }, StringLike: { 'kms:EncryptionContext:aws:s3:arn': [store.arn, `${store.arn}/*`] } };
    const writers = [role0(LOCAL_SHARED, 'jamstack-local-pipeline'), role0(LOCAL_SHARED, 'jamstack-local-build')];
    assert.deepEqual(statement(key.policy, 'EncryptDecryptByPipelineAndBuildRoles').Condition, { ArnEquals: { 'aws:PrincipalArn': writers }, ...throughS3 });
    assert.deepEqual(statement(key.policy, 'EncryptDecryptByPipelineAndBuildRoles').Action, ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey']);
    assert.deepEqual(statement(key.policy, 'DecryptByDeployRoles').Principal, { AWS: [root(LOCAL)] });
    assert.deepEqual(statement(key.policy, 'DecryptByDeployRoles').Action, ['kms:Decrypt']);
    assert.deepEqual(statement(key.policy, 'DecryptByDeployRoles').Condition, { ArnEquals: { 'aws:PrincipalArn': [role0(LOCAL, 'jamstack-deploy')] }, ...throughS3 });
    assert.ok(key.statementOrigins.every((o) => o === 'modules/artifact-store/main.tf data.aws_iam_policy_document.key'));
  }
});

test('render artifact-store: dev\'s own store is written by dev\'s pipeline and build roles only and read by dev\'s deploy role only', async () => {
  const model = await dev;
  for (const region of ['eu-central-1', 'eu-west-1']) {
    const key = keyIn(model, region);
    assert.equal(key.account, SHARED);
    assert.deepEqual(key.aliases, ['alias/jamstack-artifacts-dev']);
    const writers = statement(key.policy, 'EncryptDecryptByPipelineAndBuildRoles');
    assert.deepEqual(writers.Principal, { AWS: [root(SHARED)] });
    assert.deepEqual([...writers.Condition.ArnEquals['aws:PrincipalArn']].sort(), ['dev-build', 'dev-pipeline'].map((r) => role0(SHARED, `jamstack-${r}`)));
    const store = bucket(model, `jamstack-artifacts-dev-${SHARED}-${region}`);
    const readers = statement(store.policy, 'ReadByDeployRoles');
    assert.deepEqual(readers.Principal, { AWS: [root(DEV)] });
    assert.deepEqual(readers.Condition, { ArnEquals: { 'aws:PrincipalArn': [role0(DEV, 'jamstack-deploy')] } });
    assert.deepEqual(statement(store.policy, 'DenyWritesByOthers').Condition, { ArnNotEquals: { 'aws:PrincipalArn': ['dev-pipeline', 'dev-build'].map((r) => role0(SHARED, `jamstack-${r}`)) } });
  }
  assert.ok(!model.buckets.some((b) => b.name.includes('-prod-')), 'prod\'s stores are not part of dev');
});

test('render private-bucket: callers\' grants first, then the denies; AES256 buckets only deny non-TLS', async () => {
  const model = await local;
  const site = bucket(model, 'jamstack-site-local');
  assert.deepEqual(site.encryption, { algorithm: 'AES256', kmsKeyArn: null });
  assert.deepEqual(site.policy.Statement.map((s) => s.Sid), ['ReadByThisDistributionOnly', 'DenyReadsOutsideDistribution', 'DenyInsecureTransport']);
  assert.deepEqual(site.statementOrigins, ['modules/static-site/main.tf data.aws_iam_policy_document.site_bucket', 'modules/static-site/main.tf data.aws_iam_policy_document.site_bucket', 'modules/private-bucket/main.tf data.aws_iam_policy_document.this']);
  const state = bucket(model, `jamstack-terraform-state-${LOCAL}`);
  assert.equal(state.origin, 'live/local/eu-central-1/state-backend module.state_bucket.aws_s3_bucket.protected[0]');
  assert.deepEqual(state.encryption, { algorithm: 'aws:kms', kmsKeyArn: null });
  assert.deepEqual(state.policy.Statement.map((s) => s.Sid), ['DenyInsecureTransport']);
});

test('render pipeline: the build role writes the local stores and may assume only the local deploy role', async () => {
  const model = await local;
  const build = role(model, 'jamstack-local-build', LOCAL_SHARED);
  assert.equal(build.arn, role0(LOCAL_SHARED, 'jamstack-local-build'));
  assert.equal(build.service, 'codebuild.amazonaws.com');
  assert.equal(build.origin, 'live/local-shared/eu-central-1/pipeline/local module.build_role.aws_iam_role.this');
  const document = policy(build, 'build');
  assert.deepEqual(statement(document.document, 'AssumeDeployRole'), { Sid: 'AssumeDeployRole', Effect: 'Allow', Action: ['sts:AssumeRole'], Resource: [role0(LOCAL, 'jamstack-deploy')] });
  assert.deepEqual(statement(document.document, 'ArtifactObjects').Resource, ['arn:aws:s3:::jamstack-artifacts-local-eu-central-1/*', 'arn:aws:s3:::jamstack-artifacts-local-eu-west-1/*']);
  assert.deepEqual(statement(document.document, 'ArtifactKeys').Resource, ['eu-central-1', 'eu-west-1'].map((region) => keyIn(model, region).arn));
  assert.deepEqual(statement(document.document, 'BuildLogs').Resource, [`arn:aws:logs:eu-central-1:${LOCAL_SHARED}:log-group:/aws/codebuild/jamstack-local-deploy:*`]);
  assert.deepEqual(statement(document.document, 'FullClone').Resource, [`arn:aws:codecommit:eu-central-1:${LOCAL_SHARED}:jamstack`]);
  // Source documents keep their own origin through the merge.
  assert.equal(originOf(document, 'ArtifactObjects'), 'modules/pipeline/main.tf data.aws_iam_policy_document.artifact_stores');
  assert.equal(originOf(document, 'AssumeDeployRole'), 'modules/pipeline/main.tf data.aws_iam_policy_document.build');

  const pipeline = role(model, 'jamstack-local-pipeline', LOCAL_SHARED);
  assert.equal(pipeline.service, 'codepipeline.amazonaws.com');
  assert.deepEqual(statement(policy(pipeline, 'pipeline').document, 'RunBuild').Resource, [`arn:aws:codebuild:eu-central-1:${LOCAL_SHARED}:project/jamstack-local-deploy`]);
  const trigger = role(model, 'jamstack-local-trigger', LOCAL_SHARED);
  assert.deepEqual(statement(policy(trigger, 'start-pipeline').document, 'StartThesePipelines').Resource, [`arn:aws:codepipeline:eu-central-1:${LOCAL_SHARED}:jamstack-local`]);

  const devBuild = policy(role(await dev, 'jamstack-dev-build', SHARED), 'build');
  assert.deepEqual(statement(devBuild.document, 'AssumeDeployRole').Resource, [role0(DEV, 'jamstack-deploy')]);
});

test('render service-role: every service role is assumed by its service for its own account and the resources it serves only', async () => {
  for (const model of [await local, await dev]) {
    const serviceRoles = model.roles.filter((r) => r.service !== null);
    assert.ok(serviceRoles.length >= 5, `service roles: ${serviceRoles.map((r) => r.name).join(', ')}`);
    for (const r of serviceRoles) {
      // Each is assumed for the resource that uses it: the function, the CodeBuild project, the pipeline, the push rule.
      const served = model.functions.find((f) => f.roleArn === r.arn)?.arn
        ?? model.buildProjects.find((p) => p.serviceRole === r.arn)?.arn
        ?? (r.service === 'codepipeline.amazonaws.com' ? `arn:aws:codepipeline:eu-central-1:${r.account}:${r.name.replace(/-pipeline$/, '')}` : null)
        ?? (r.service === 'events.amazonaws.com' ? `arn:aws:events:eu-central-1:${r.account}:rule/${r.name.replace(/-trigger$/, '')}-push` : null);
      assert.ok(served, `what ${r.name} serves`);
      assert.deepEqual(r.trustPolicy.Statement, [{
        Sid: 'AssumedByService',
        Effect: 'Allow',
        Action: ['sts:AssumeRole'],
        Principal: { Service: [r.service] },
        Condition: { StringEquals: { 'aws:SourceAccount': [r.account] }, ArnEquals: { 'aws:SourceArn': [served] } },
      }], r.name);
      assert.equal(r.arn, role0(r.account, r.name));
    }
  }
  assert.deepEqual((await local).buildProjects.map((p) => [p.arn, p.serviceRole]), [[`arn:aws:codebuild:eu-central-1:${LOCAL_SHARED}:project/jamstack-local-deploy`, role0(LOCAL_SHARED, 'jamstack-local-build')]]);
});

test('render lambda-function: the functions\' execution roles, aliases and settings', async () => {
  const model = await local;
  const contact = fn(model, 'jamstack-local-contact-form');
  assert.equal(contact.arn, `arn:aws:lambda:eu-central-1:${LOCAL}:function:jamstack-local-contact-form`);
  assert.equal(contact.account, LOCAL);
  assert.equal(contact.region, 'eu-central-1');
  assert.equal(contact.alias, 'live');
  assert.equal(contact.roleArn, role0(LOCAL, 'jamstack-local-contact-form'));
  assert.deepEqual(contact.environment, { ALLOWED_ORIGIN: 'http://localhost:8080', RECIPIENT: 'owner@blog.example.com', SENDER: 'contact@blog.example.com' });
  assert.equal(typeof contact.runtime, 'string');
  assert.equal(typeof contact.handler, 'string');
  assert.equal(typeof contact.timeout, 'number');
  assert.equal(typeof contact.memorySize, 'number');
  const forwarder = fn(model, 'jamstack-local-mail-forwarder');
  assert.equal(forwarder.region, 'eu-west-1');
  assert.equal(forwarder.roleArn, role0(LOCAL, 'jamstack-local-mail-forwarder'));
  for (const f of [contact, forwarder]) {
    const execution = role(model, f.name, LOCAL);
    assert.equal(execution.service, 'lambda.amazonaws.com');
    const logs = policy(execution, execution.policies[0].name);
    assert.deepEqual(statement(logs.document, 'WriteLogs').Resource, [`arn:aws:logs:${f.region}:${LOCAL}:log-group:/aws/lambda/${f.name}:*`]);
    assert.equal(originOf(logs, 'WriteLogs'), 'modules/lambda-function/main.tf data.aws_iam_policy_document.this');
  }
  assert.equal(fn(await dev, 'jamstack-dev-contact-form').roleArn, role0(DEV, 'jamstack-dev-contact-form'));
});

test('render contact-api: the function may send from the sender only, and the API route may invoke its alias', async () => {
  const model = await local;
  const execution = role(model, 'jamstack-local-contact-form', LOCAL);
  const document = policy(execution, 'contact-form');
  assert.deepEqual(statement(document.document, 'SendFromSenderOnly'), {
    Sid: 'SendFromSenderOnly',
    Effect: 'Allow',
    Action: ['ses:SendEmail'],
    Resource: [`arn:aws:ses:eu-central-1:${LOCAL}:identity/blog.example.com`],
    Condition: { StringEquals: { 'ses:FromAddress': ['contact@blog.example.com'] } },
  });
  assert.equal(originOf(document, 'SendFromSenderOnly'), 'modules/contact-api/main.tf data.aws_iam_policy_document.function');
  const [permission] = fn(model, 'jamstack-local-contact-form').permissions;
  assert.equal(permission.sid, 'InvokedByContactRoute');
  assert.equal(permission.action, 'lambda:InvokeFunction');
  assert.equal(permission.principal, 'apigateway.amazonaws.com');
  assert.equal(permission.qualifier, 'live');
  assert.match(permission.sourceArn, new RegExp(`^arn:aws:execute-api:eu-central-1:${LOCAL}:[a-z0-9]{10}/\\*/POST/api/contact$`));
});

test('render mail-forwarder: SES stores into the mail bucket for this rule only and invokes the alias; the function reads stored mail', async () => {
  const model = await local;
  const ruleArn = `arn:aws:ses:eu-west-1:${LOCAL}:receipt-rule-set/jamstack-local-inbound:receipt-rule/store-and-forward`;
  const mail = bucket(model, 'jamstack-mail-local-eu-west-1');
  assert.equal(mail.region, 'eu-west-1');
  assert.deepEqual(statement(mail.policy, 'StoreBySesReceiptRule'), {
    Sid: 'StoreBySesReceiptRule',
    Effect: 'Allow',
    Action: ['s3:PutObject'],
    Resource: ['arn:aws:s3:::jamstack-mail-local-eu-west-1/inbound/*'],
    Principal: { Service: ['ses.amazonaws.com'] },
    Condition: { StringEquals: { 'aws:SourceAccount': [LOCAL] }, ArnLike: { 'aws:SourceArn': [ruleArn] } },
  });
  const document = policy(role(model, 'jamstack-local-mail-forwarder', LOCAL), 'mail-forwarder');
  assert.deepEqual(statement(document.document, 'ReadStoredMail').Resource, ['arn:aws:s3:::jamstack-mail-local-eu-west-1/inbound/*']);
  assert.deepEqual(statement(document.document, 'SendFromForwarderOnly').Resource, [`arn:aws:ses:eu-west-1:${LOCAL}:identity/blog.example.com`]);
  assert.deepEqual(fn(model, 'jamstack-local-mail-forwarder').permissions, [{ sid: 'InvokedBySesReceiptRule', action: 'lambda:InvokeFunction', principal: 'ses.amazonaws.com', sourceArn: ruleArn, sourceAccount: LOCAL, qualifier: 'live' }]);
});

test('render static-site: the distribution is the environment\'s distributionId and the only reader of the site bucket', async () => {
  for (const [model, account, id, name] of [[await local, LOCAL, 'ELOCAL0000000', 'jamstack-site-local'], [await dev, DEV, 'E1DEVEXAMPLE00', `jamstack-site-${DEV}`]]) {
    const distributionArn = `arn:aws:cloudfront::${account}:distribution/${id}`;
    assert.deepEqual(model.distributions.map(({ id: i, arn, account: a }) => ({ id: i, arn, account: a })), [{ id, arn: distributionArn, account }]);
    const site = bucket(model, name);
    assert.deepEqual(statement(site.policy, 'ReadByThisDistributionOnly'), {
      Sid: 'ReadByThisDistributionOnly',
      Effect: 'Allow',
      Action: ['s3:GetObject'],
      Resource: [`arn:aws:s3:::${name}/*`],
      Principal: { Service: ['cloudfront.amazonaws.com'] },
      Condition: { StringEquals: { 'AWS:SourceArn': [distributionArn] } },
    });
  }
});

test('render static-site and contact-api: the edge, as the distribution, its headers policy, function code and HTTP API evaluate', async () => {
  const { edge } = await local;
  assert.equal(edge.distributions.length, 1);
  const distribution = edge.distributions[0].config;
  assert.equal(distribution.id, 'ELOCAL0000000');
  assert.equal(edge.distributions[0].account, LOCAL);
  // Behaviours point at the policy and the function the module defines, by their rendered ids.
  const behaviour = distribution.default_cache_behavior[0];
  const headers = edge.responseHeadersPolicies.find((p) => p.config.id === behaviour.response_headers_policy_id);
  assert.ok(headers, 'the default behaviour names a rendered response headers policy');
  assert.match(headers.config.security_headers_config[0].content_security_policy[0].content_security_policy, /script-src 'self'/);
  const fn = edge.functions.find((f) => f.config.arn === behaviour.function_association[0].function_arn);
  assert.equal(fn.config.code, readFileSync(path.join(REAL_INFRA, 'modules/static-site/directory-index.js'), 'utf8'));
  assert.equal(distribution.ordered_cache_behavior[0].path_pattern, '/api/*');
  // The API origin is the rendered HTTP API's host; its route and CORS come from contact-api and environments.json.
  const api = edge.httpApis[0].config;
  assert.equal(distribution.origin.find((o) => o.origin_id === distribution.ordered_cache_behavior[0].target_origin_id).domain_name, new URL(api.api_endpoint).host);
  assert.deepEqual(api.cors_configuration[0].allow_origins, ['http://localhost:8080']);
  assert.deepEqual(edge.routes.map((r) => r.config.route_key), ['POST /api/contact']);
  assert.match(edge.integrations[0].config.integration_uri, /function:jamstack-local-contact-form:live\/invocations$/);
});

test('render pipeline: prod has a pipeline for each of its branches (master, main), both running its one build project', async () => {
  const prod = await renderEnvironment({ infraDir: REAL_INFRA, environment: 'prod', parse });
  const trigger = role(prod, 'jamstack-prod-trigger', SHARED);
  assert.deepEqual(statement(policy(trigger, 'start-pipeline').document, 'StartThesePipelines').Resource.toSorted(),
    [`arn:aws:codepipeline:eu-central-1:${SHARED}:jamstack-prod`, `arn:aws:codepipeline:eu-central-1:${SHARED}:jamstack-prod-main`]);
  const pipelineRole = role(prod, 'jamstack-prod-pipeline', SHARED);
  assert.deepEqual((pipelineRole.trustPolicy.Statement[0].Condition.ArnLike?.['aws:SourceArn'] ?? pipelineRole.trustPolicy.Statement[0].Condition.ArnEquals?.['aws:SourceArn']).toSorted(),
    [`arn:aws:codepipeline:eu-central-1:${SHARED}:jamstack-prod`, `arn:aws:codepipeline:eu-central-1:${SHARED}:jamstack-prod-main`]);
  assert.deepEqual(prod.buildProjects.map((p) => p.name), ['jamstack-prod-deploy']);
});

test('render pipeline: prod\'s approval notifies its subscribers\' topic and the approver role may only approve in its pipelines', async () => {
  const prod = await renderEnvironment({ infraDir: REAL_INFRA, environment: 'prod', parse });
  const pipelineRole = role(prod, 'jamstack-prod-pipeline', SHARED);
  assert.deepEqual(statement(policy(pipelineRole, 'pipeline').document, 'NotifyApprovers').Resource, [`arn:aws:sns:eu-central-1:${SHARED}:jamstack-prod-approval`]);
  const approver = role(prod, 'jamstack-prod-approver', SHARED);
  assert.equal(approver.service, null);
  assert.deepEqual(approver.trustPolicy.Statement[0].Condition, { ArnEquals: { 'aws:PrincipalArn': [`arn:aws:iam::${SHARED}:role/jamstack-release-managers`] } });
  const document = policy(approver, 'approve').document;
  assert.deepEqual(statement(document, 'ApproveThesePipelines').Resource.toSorted(),
    [`arn:aws:codepipeline:eu-central-1:${SHARED}:jamstack-prod-main/Approve/Approve`, `arn:aws:codepipeline:eu-central-1:${SHARED}:jamstack-prod/Approve/Approve`].toSorted());
  assert.deepEqual(document.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) => s.Action).toSorted(),
    ['codepipeline:GetPipeline', 'codepipeline:GetPipelineExecution', 'codepipeline:GetPipelineState', 'codepipeline:ListPipelineExecutions', 'codepipeline:PutApprovalResult']);
  assert.deepEqual(prod.pipelines.map((p) => p.name).toSorted(), ['jamstack-prod', 'jamstack-prod-main']);
  // dev has no approval: no topic statement, no approver role.
  assert.equal((await dev).roles.some((r) => r.name === 'jamstack-dev-approver'), false);
});
