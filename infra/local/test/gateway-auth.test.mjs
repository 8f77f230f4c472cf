// SigV4 at the gateway: real clients' signatures pass, wrong secrets, unknown keys, expired
// sessions, unknown services and operations get the error each protocol's clients expect.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KMSClient, DescribeKeyCommand } from '@aws-sdk/client-kms';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { LambdaClient, GetFunctionCommand } from '@aws-sdk/client-lambda';
import { assumeDeployRole, aws, BUILD, CONTACT_FUNCTION, sdkConfig, startTestCloud, testClock } from './support.mjs';

describe('gateway authentication', () => {
  let cloud;
  let api;
  const clock = testClock();
  before(async () => {
    cloud = await startTestCloud({ clock });
    api = cloud.endpoints.api;
  });
  after(() => cloud.close());

  it('accepts the build identity signed by the aws CLI: a session of the CodeBuild role in shared services', async () => {
    const r = await aws(['sts', 'get-caller-identity'], { endpoint: api });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.Arn, 'arn:aws:sts::000000000001:assumed-role/jamstack-local-build/local-build');
    assert.equal(r.json.Account, '000000000001');
  });

  it('answers a wrong secret with SignatureDoesNotMatch (aws CLI, STS) and InvalidSignatureException (SDK, KMS)', async () => {
    const r = await aws(['sts', 'get-caller-identity'], { endpoint: api, credentials: { ...BUILD, secretAccessKey: 'not-the-secret' } });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /SignatureDoesNotMatch/);

    const kms = new KMSClient(sdkConfig(api, { ...BUILD, secretAccessKey: 'not-the-secret' }));
    await assert.rejects(kms.send(new DescribeKeyCommand({ KeyId: 'alias/jamstack-artifacts' })), err => {
      assert.equal(err.name, 'InvalidSignatureException');
      assert.equal(err.$metadata.httpStatusCode, 403);
      return true;
    });
  });

  it('answers an unknown access key with InvalidClientTokenId', async () => {
    const sts = new STSClient(sdkConfig(api, { accessKeyId: 'AKIANOBODY0000000000', secretAccessKey: 'x' }));
    await assert.rejects(sts.send(new GetCallerIdentityCommand({})), { name: 'InvalidClientTokenId' });
  });

  it('rejects a session key used without its session token', async () => {
    const role = await assumeDeployRole(api);
    const sts = new STSClient(sdkConfig(api, { accessKeyId: role.accessKeyId, secretAccessKey: role.secretAccessKey }));
    await assert.rejects(sts.send(new GetCallerIdentityCommand({})), { name: 'InvalidClientTokenId' });
  });

  it('answers an expired session with ExpiredToken / ExpiredTokenException', async () => {
    const role = await assumeDeployRole(api, 'short-lived');
    const sts = new STSClient(sdkConfig(api, role));
    assert.match((await sts.send(new GetCallerIdentityCommand({}))).Arn, /assumed-role\/jamstack-deploy\/short-lived$/);
    clock.advance(2 * 3600 * 1000);
    try {
      await assert.rejects(sts.send(new GetCallerIdentityCommand({})), { name: 'ExpiredToken' });
      const lambda = new LambdaClient(sdkConfig(api, role));
      await assert.rejects(lambda.send(new GetFunctionCommand({ FunctionName: CONTACT_FUNCTION })), { name: 'ExpiredTokenException' });
    } finally {
      clock.advance(-2 * 3600 * 1000);
    }
  });

  it('answers a request signed 20 minutes ago with a clock-skew error', async () => {
    clock.advance(20 * 60 * 1000);
    try {
      const sts = new STSClient({ ...sdkConfig(api), systemClockOffset: 0 });
      // The SDK corrects its clock from the server's Date header on skew errors; one attempt shows the error.
      await assert.rejects(sts.send(new GetCallerIdentityCommand({})), err => /SignatureDoesNotMatch/.test(err.name) && /Signature expired/.test(err.message));
    } finally {
      clock.advance(-20 * 60 * 1000);
    }
  });

  it('refuses unsigned requests', async () => {
    const s3 = await fetch(`${api}/jamstack-site-local/index.html`);
    assert.equal(s3.status, 403);
    assert.match(await s3.text(), /<Code>AccessDenied<\/Code>/);
    const kms = await fetch(api, { method: 'POST', headers: { 'x-amz-target': 'TrentService.DescribeKey', 'content-type': 'application/x-amz-json-1.1' }, body: '{}' });
    assert.equal(kms.status, 403);
    assert.equal((await kms.json()).__type, 'MissingAuthenticationTokenException');
  });

  it('names an unknown service or operation in an AWS-shaped error', async () => {
    const sqs = await aws(['sqs', 'list-queues'], { endpoint: api });
    assert.notEqual(sqs.code, 0);
    assert.match(sqs.stderr, /InvalidAction/);
    assert.match(sqs.stderr, /'sqs'/);

    const kms = await aws(['kms', 'list-grants', '--key-id', 'alias/jamstack-artifacts'], { endpoint: api });
    assert.match(kms.stderr, /UnknownOperationException/);
    assert.match(kms.stderr, /TrentService\.ListGrants/);

    const sts = await aws(['sts', 'get-session-token'], { endpoint: api });
    assert.match(sts.stderr, /InvalidAction/);
    assert.match(sts.stderr, /GetSessionToken/);
  });
});
