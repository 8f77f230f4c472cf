// The deploy's Lambda and CloudFront calls with the aws CLI: code from the regional store, a
// waited-for update, a guarded publish, the alias moved, the new code run through the API; an invalidation
// that completes; and state that survives a restart so the next deploy is incremental.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LambdaClient, PublishVersionCommand } from '@aws-sdk/client-lambda';
import { assumeDeployRole, aws, CONTACT_FUNCTION, DISTRIBUTION, putArtifact, sdkConfig, sleep, startTestCloud, STORE, zipOf } from './support.mjs';

const ECHO = `export const handler = async (event, context) => {
  console.log('echo handler ran');
  if (event.fail || event.body?.includes('"fail"')) throw new TypeError('asked to fail');
  return { echo: event, sender: process.env.SENDER, region: process.env.AWS_REGION, version: context.functionVersion, hasToken: Boolean(process.env.AWS_SESSION_TOKEN) };
};
`;

describe('Lambda and CloudFront', () => {
  let cloud;
  let api;
  let role;
  let work;
  let stateDir;
  let zip;
  const lambda = (args, region = 'eu-central-1') => aws(['lambda', ...args], { endpoint: api, credentials: role, region });

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'local-cloud-lambda-'));
    stateDir = join(work, 'state');
    cloud = await startTestCloud({ stateDir });
    api = cloud.endpoints.api;
    role = await assumeDeployRole(api);
    zip = await zipOf({ 'index.mjs': ECHO });
    await putArtifact(cloud, 'eu-central-1', 'functions/contact-form/1.0.0+abc.zip', zip, work);
    await putArtifact(cloud, 'eu-west-1', 'functions/contact-form/1.0.0+abc.zip', zip, work);
  });
  after(async () => {
    await cloud.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('refuses deploy calls from the build identity', async () => {
    const r = await aws(['lambda', 'get-function', '--function-name', CONTACT_FUNCTION], { endpoint: api });
    assert.match(r.stderr, /AccessDeniedException/);
    const cf = await aws(['cloudfront', 'get-distribution', '--id', DISTRIBUTION], { endpoint: api, region: 'us-east-1' });
    assert.match(cf.stderr, /AccessDenied/);
  });

  it('has the functions of environments.json, each in its own region, with placeholder code behind the alias', async () => {
    const f = await lambda(['get-function', '--function-name', CONTACT_FUNCTION]);
    assert.equal(f.code, 0, f.stderr);
    assert.equal(f.json.Configuration.CodeSha256, createHash('sha256').update('').digest('base64'));
    assert.equal(f.json.Configuration.Environment.Variables.RECIPIENT, 'owner@blog.example.com');
    assert.equal(f.json.Configuration.Runtime, 'nodejs20.x');
    assert.equal((await lambda(['get-alias', '--function-name', CONTACT_FUNCTION, '--name', 'live'])).json.FunctionVersion, '1');
    assert.match((await lambda(['get-function', '--function-name', CONTACT_FUNCTION], 'eu-west-1')).stderr, /ResourceNotFoundException/);
    const forwarder = await lambda(['get-function-configuration', '--function-name', 'jamstack-local-mail-forwarder'], 'eu-west-1');
    assert.equal(forwarder.json.Environment.Variables.MAIL_BUCKET, 'jamstack-mail-local-eu-west-1');
  });

  it('takes code only from the function region\'s artifact store', async () => {
    const west = await lambda(['update-function-code', '--function-name', CONTACT_FUNCTION, '--s3-bucket', STORE['eu-west-1'], '--s3-key', 'functions/contact-form/1.0.0+abc.zip']);
    assert.match(west.stderr, /InvalidParameterValueException/);
    assert.match(west.stderr, /PermanentRedirect/);
    const missing = await lambda(['update-function-code', '--function-name', CONTACT_FUNCTION, '--s3-bucket', STORE['eu-central-1'], '--s3-key', 'functions/nope.zip']);
    assert.match(missing.stderr, /NoSuchKey/);
    const inline = await lambda(['update-function-code', '--function-name', CONTACT_FUNCTION, '--zip-file', `fileb://${join(work, 'functions_contact-form_1.0.0+abc.zip')}`]);
    assert.match(inline.stderr, /InvalidParameterValueException/);
  });

  it('updates code (InProgress, then Successful), publishes with a CodeSha256 guard, moves the alias and invokes it', async () => {
    const sha = createHash('sha256').update(zip).digest('base64');
    const update = await lambda(['update-function-code', '--function-name', CONTACT_FUNCTION, '--s3-bucket', STORE['eu-central-1'], '--s3-key', 'functions/contact-form/1.0.0+abc.zip']);
    assert.equal(update.code, 0, update.stderr);
    assert.equal(update.json.CodeSha256, sha);
    assert.equal(update.json.CodeSize, zip.length);
    assert.equal(update.json.LastUpdateStatus, 'InProgress');

    // Straight after the update (the SDK is faster than starting the CLI): still in progress.
    const sdk = new LambdaClient(sdkConfig(api, role));
    await assert.rejects(sdk.send(new PublishVersionCommand({ FunctionName: CONTACT_FUNCTION })), { name: 'ResourceConflictException' });

    const wait = await lambda(['wait', 'function-updated-v2', '--function-name', CONTACT_FUNCTION]);
    assert.equal(wait.code, 0, wait.stderr);
    assert.equal((await lambda(['get-function-configuration', '--function-name', CONTACT_FUNCTION])).json.LastUpdateStatus, 'Successful');

    const guarded = await lambda(['publish-version', '--function-name', CONTACT_FUNCTION, '--code-sha256', createHash('sha256').update('other').digest('base64')]);
    assert.match(guarded.stderr, /PreconditionFailedException/);
    const published = await lambda(['publish-version', '--function-name', CONTACT_FUNCTION, '--code-sha256', sha]);
    assert.equal(published.json.Version, '2');
    assert.equal(published.json.FunctionArn, `arn:aws:lambda:eu-central-1:000000000000:function:${CONTACT_FUNCTION}:2`);
    assert.equal((await lambda(['publish-version', '--function-name', CONTACT_FUNCTION])).json.Version, '2', 'unchanged code publishes no new version');

    const alias = await lambda(['update-alias', '--function-name', CONTACT_FUNCTION, '--name', 'live', '--function-version', '2']);
    assert.equal(alias.json.FunctionVersion, '2');

    // The deploy role may not invoke (no statement of infra/ gives it lambda:InvokeFunction) ...
    const out = join(work, 'out.json');
    const refused = await lambda(['invoke', '--function-name', CONTACT_FUNCTION, '--qualifier', 'live', '--cli-binary-format', 'raw-in-base64-out', '--payload', '{}', out]);
    assert.match(refused.stderr, /AccessDeniedException.*not authorized to perform: lambda:InvokeFunction on resource: "arn:aws:lambda:eu-central-1:000000000000:function:jamstack-local-contact-form:live"/);
    // ... the HTTP API does, as the function's permission lets it: the alias runs version 2 with the execution role's session.
    const posted = await fetch(`${cloud.endpoints.site}/api/contact`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"hello":"world"}' });
    assert.equal(posted.status, 200);
    const echoed = await posted.json();
    assert.deepEqual({ ...echoed, echo: JSON.parse(echoed.echo.body) }, { echo: { hello: 'world' }, sender: 'contact@blog.example.com', region: 'eu-central-1', version: '2', hasToken: true });
    assert.match(readFileSync(join(stateDir, 'lambda', 'logs', `${CONTACT_FUNCTION}.log`), 'utf8'), /echo handler ran/);

    const failing = await fetch(`${cloud.endpoints.site}/api/contact`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"fail":true}' });
    assert.equal(failing.status, 500);
    assert.deepEqual(await failing.json(), { message: 'Internal Server Error' });
  });

  it('creates an invalidation that completes, idempotent per caller reference', async () => {
    const cf = args => aws(['cloudfront', ...args], { endpoint: api, credentials: role, region: 'us-east-1' });
    const dist = await cf(['get-distribution', '--id', DISTRIBUTION]);
    assert.equal(dist.code, 0, dist.stderr);
    assert.equal(dist.json.Distribution.Id, DISTRIBUTION);
    assert.ok(dist.json.ETag);
    const batch = JSON.stringify({ Paths: { Quantity: 2, Items: ['/index.html', '/blog/*'] }, CallerReference: 'deploy-1.0.0' });
    const created = await cf(['create-invalidation', '--distribution-id', DISTRIBUTION, '--invalidation-batch', batch]);
    assert.equal(created.code, 0, created.stderr);
    const id = created.json.Invalidation.Id;
    assert.equal(created.json.Invalidation.Status, 'InProgress');
    assert.deepEqual(created.json.Invalidation.InvalidationBatch.Paths.Items, ['/index.html', '/blog/*']);
    assert.equal((await cf(['create-invalidation', '--distribution-id', DISTRIBUTION, '--invalidation-batch', batch])).json.Invalidation.Id, id);
    await sleep(1100);
    assert.equal((await cf(['get-invalidation', '--distribution-id', DISTRIBUTION, '--id', id])).json.Invalidation.Status, 'Completed');
    // Another distribution: the role's policy names only this one, and IAM answers before CloudFront looks.
    const other = await cf(['get-invalidation', '--distribution-id', 'E000OTHER', '--id', id]);
    assert.match(other.stderr, /AccessDenied.*cloudfront:GetInvalidation on resource: "arn:aws:cloudfront::000000000000:distribution\/E000OTHER"/);
    const wrongRegion = await aws(['cloudfront', 'get-distribution', '--id', DISTRIBUTION], { endpoint: api, credentials: role, region: 'eu-central-1' });
    assert.match(wrongRegion.stderr, /SignatureDoesNotMatch/);
  });

  it('keeps functions, versions and aliases across a restart with the same state dir', async () => {
    await cloud.close({ keepState: true });
    cloud = await startTestCloud({ stateDir });
    api = cloud.endpoints.api;
    const configuration = await lambda(['get-function-configuration', '--function-name', CONTACT_FUNCTION, '--qualifier', 'live']);
    assert.equal(configuration.code, 0, configuration.stderr);
    assert.equal(configuration.json.Version, '2');
    assert.equal(configuration.json.CodeSha256, createHash('sha256').update(zip).digest('base64'));
  });
});
