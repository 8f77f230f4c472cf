// STS: only the build identity assumes the deploy role, and gets ASIA… session credentials.
// KMS: one key per region, found by alias, alias ARN, key id or key ARN — in its region only.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { aws, assumeDeployRole, DEPLOY_ROLE, startTestCloud } from './support.mjs';

describe('STS', () => {
  let cloud;
  let api;
  before(async () => {
    cloud = await startTestCloud();
    api = cloud.endpoints.api;
  });
  after(() => cloud.close());

  it('issues temporary credentials for the deploy role to the build identity', async () => {
    const r = await aws(['sts', 'assume-role', '--role-arn', DEPLOY_ROLE, '--role-session-name', 'build-42', '--duration-seconds', '900', '--external-id', 'jamstack'], { endpoint: api });
    assert.equal(r.code, 0, r.stderr);
    const c = r.json.Credentials;
    assert.match(c.AccessKeyId, /^ASIA[A-Z2-7]{16}$/);
    assert.ok(c.SecretAccessKey.length >= 40 && c.SessionToken.length > 100);
    const ttl = Date.parse(c.Expiration) - Date.now();
    assert.ok(ttl > 850_000 && ttl <= 900_000, `expires in 15 minutes (${ttl} ms)`);
    assert.equal(r.json.AssumedRoleUser.Arn, 'arn:aws:sts::000000000000:assumed-role/jamstack-deploy/build-42');
    const who = await aws(['sts', 'get-caller-identity'], { endpoint: api, credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken } });
    assert.equal(who.json.Arn, 'arn:aws:sts::000000000000:assumed-role/jamstack-deploy/build-42');
    assert.match(who.json.UserId, /^AROA[0-9A-F]+:build-42$/);
  });

  it('refuses other roles, role chaining and bad parameters', async () => {
    const other = await aws(['sts', 'assume-role', '--role-arn', 'arn:aws:iam::444444444444:role/jamstack-deploy', '--role-session-name', 'x1'], { endpoint: api });
    assert.match(other.stderr, /AccessDenied/);
    assert.match(other.stderr, /not authorized to perform: sts:AssumeRole/);
    const role = await assumeDeployRole(api);
    const chained = await aws(['sts', 'assume-role', '--role-arn', DEPLOY_ROLE, '--role-session-name', 'x2'], { endpoint: api, credentials: role });
    assert.match(chained.stderr, /AccessDenied/);
    const tooLong = await aws(['sts', 'assume-role', '--role-arn', DEPLOY_ROLE, '--role-session-name', 'x3', '--duration-seconds', '43200'], { endpoint: api });
    assert.match(tooLong.stderr, /ValidationError/);
  });
});

describe('KMS', () => {
  let cloud;
  let api;
  before(async () => {
    cloud = await startTestCloud();
    api = cloud.endpoints.api;
  });
  after(() => cloud.close());

  const describeKey = (keyId, region) => aws(['kms', 'describe-key', '--key-id', keyId], { endpoint: api, region });

  it('finds each region\'s key by alias, alias ARN, key id and key ARN, with a stable ARN', async () => {
    const central = await describeKey('alias/jamstack-artifacts', 'eu-central-1');
    assert.equal(central.code, 0, central.stderr);
    const meta = central.json.KeyMetadata;
    assert.match(meta.Arn, /^arn:aws:kms:eu-central-1:000000000001:key\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(meta.KeyState, 'Enabled');
    assert.equal(meta.KeyManager, 'CUSTOMER');
    for (const id of ['arn:aws:kms:eu-central-1:000000000001:alias/jamstack-artifacts', meta.KeyId, meta.Arn]) {
      assert.equal((await describeKey(id, 'eu-central-1')).json.KeyMetadata.Arn, meta.Arn, id);
    }
    const west = await describeKey('alias/jamstack-artifacts', 'eu-west-1');
    assert.match(west.json.KeyMetadata.Arn, /^arn:aws:kms:eu-west-1:/);
    assert.notEqual(west.json.KeyMetadata.KeyId, meta.KeyId);

    // The same ARN from another state dir: builds may cache it.
    const again = await startTestCloud();
    try {
      assert.equal(again.topology.regionOf('eu-central-1').kmsKeyArn, meta.Arn);
    } finally {
      await again.close();
    }
  });

  it('resolves an alias only in the key\'s account; the deploy role, in the target account, only decrypts through S3, so describing the key by ARN is refused in one line', async () => {
    const role = await assumeDeployRole(api);
    const byAlias = await aws(['kms', 'describe-key', '--key-id', 'alias/jamstack-artifacts'], { endpoint: api, credentials: role });
    assert.match(byAlias.stderr, /NotFoundException/);
    const keyArn = cloud.topology.regionOf('eu-central-1').kmsKeyArn;
    const byArn = await aws(['kms', 'describe-key', '--key-id', keyArn], { endpoint: api, credentials: role });
    assert.notEqual(byArn.code, 0);
    assert.match(byArn.stderr, /AccessDeniedException.*not authorized to perform: kms:DescribeKey.*; fix: allow kms:DescribeKey/);
    // The build's own identity, in the key's account, resolves it (it does so before every upload).
    const build = await describeKey(keyArn, 'eu-central-1');
    assert.equal(build.code, 0, build.stderr);
    assert.equal(build.json.KeyMetadata.AWSAccountId, '000000000001');
  });

  it('answers NotFoundException for another region\'s key and for unknown aliases', async () => {
    const centralArn = cloud.topology.regionOf('eu-central-1').kmsKeyArn;
    const cross = await describeKey(centralArn, 'eu-west-1');
    assert.match(cross.stderr, /NotFoundException/);
    const unknown = await describeKey('alias/nope', 'eu-central-1');
    assert.match(unknown.stderr, /NotFoundException/);
    assert.match(unknown.stderr, /alias\/nope is not found/);
    const noStore = await describeKey('alias/jamstack-artifacts', 'us-east-1');
    assert.match(noStore.stderr, /NotFoundException/);
  });
});
