// The CloudFront KeyValueStore data plane as AWS's own JavaScript client drives it (SigV4A for region set "*", one
// host per account): ETag semantics, IAM on the rendered deploy role, SigV4A checked against the caller's secret,
// writes counted, and the edge's cf.kvs() reading what the API wrote on the very next request.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '@aws-sdk/signature-v4a';
import {
  CloudFrontKeyValueStoreClient, DeleteKeyCommand, DescribeKeyValueStoreCommand, GetKeyCommand, ListKeysCommand, PutKeyCommand, UpdateKeysCommand,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { SignatureV4a } from '@aws-sdk/signature-v4a';
import { compileViewerRequestFunction } from '../src/site/cloudfront-function.mjs';
import { readRequestCounts } from '../src/request-counts.mjs';
import { KeyValueStores } from '../src/services/key-value-store/stores.mjs';
import { assumeDeployRole, BUILD, startTestCloud } from './support.mjs';

const STORE_ARN = JSON.parse(await (await import('node:fs/promises')).readFile(new URL('../../environments.json', import.meta.url), 'utf8')).environments.local.site.keyValueStoreArn;

// The client sends to <account>.<endpoint host>, as it does to <account>.cloudfront-kvs.global.api.aws: every name resolves to loopback here.
const loopback = new http.Agent({ lookup: (host, options, done) => (options.all ? done(null, [{ address: '127.0.0.1', family: 4 }]) : done(null, '127.0.0.1', 4)) });
const clientFor = (api, credentials) => new CloudFrontKeyValueStoreClient({
  region: 'us-east-1', endpoint: api.replace('127.0.0.1', 'localhost'), credentials, maxAttempts: 1, requestHandler: new NodeHttpHandler({ httpAgent: loopback }),
});
const failure = promise => promise.then(() => assert.fail('the request succeeded'), err => err);

describe('CloudFront KeyValueStore', () => {
  let cloud;
  let kvs;
  let role;

  before(async () => {
    cloud = await startTestCloud();
    role = await assumeDeployRole(cloud.endpoints.api);
    kvs = clientFor(cloud.endpoints.api, role);
  });
  after(async () => {
    await cloud.close();
  });

  it('serves the store environments.json names: a write names the current ETag and returns the next, a stale ETag is a 409 ConflictException', async () => {
    const described = await kvs.send(new DescribeKeyValueStoreCommand({ KvsARN: STORE_ARN }));
    assert.equal(described.KvsARN, STORE_ARN);
    assert.equal(described.Status, 'READY');
    assert.ok(described.Created instanceof Date);
    assert.match(described.ETag, /^KV[A-Z0-9]+$/);

    const put = await kvs.send(new PutKeyCommand({ KvsARN: STORE_ARN, Key: 'live', Value: 'release-1', IfMatch: described.ETag }));
    assert.notEqual(put.ETag, described.ETag);
    assert.equal(put.ItemCount, 1);
    assert.equal((await kvs.send(new GetKeyCommand({ KvsARN: STORE_ARN, Key: 'live' }))).Value, 'release-1');

    const stale = await failure(kvs.send(new PutKeyCommand({ KvsARN: STORE_ARN, Key: 'live', Value: 'release-2', IfMatch: described.ETag })));
    assert.equal(stale.name, 'ConflictException');
    assert.equal(stale.$metadata.httpStatusCode, 409);
    assert.equal((await kvs.send(new GetKeyCommand({ KvsARN: STORE_ARN, Key: 'live' }))).Value, 'release-1', 'a refused write changes nothing');

    const missing = await failure(kvs.send(new GetKeyCommand({ KvsARN: STORE_ARN, Key: 'no-such-key' })));
    assert.equal(missing.name, 'ResourceNotFoundException');
    const otherStore = await failure(kvs.send(new DescribeKeyValueStoreCommand({ KvsARN: STORE_ARN.replace(/[0-9a-f]{12}$/, '000000000000') })));
    assert.match(otherStore.name, /AccessDeniedException|ResourceNotFoundException/);
  });

  it('applies UpdateKeys at once and pages ListKeys; DeleteKey is not granted to the deploy role (UpdateKeys deletes)', async () => {
    let { ETag } = await kvs.send(new DescribeKeyValueStoreCommand({ KvsARN: STORE_ARN }));
    const puts = Array.from({ length: 7 }, (_, i) => ({ Key: `release/${i}`, Value: JSON.stringify({ n: i }) }));
    ({ ETag } = await kvs.send(new UpdateKeysCommand({ KvsARN: STORE_ARN, IfMatch: ETag, Puts: puts, Deletes: [{ Key: 'live' }] })));
    const keys = [];
    let NextToken;
    do {
      const page = await kvs.send(new ListKeysCommand({ KvsARN: STORE_ARN, MaxResults: 3, NextToken }));
      keys.push(...page.Items.map(i => i.Key));
      ({ NextToken } = page);
    } while (NextToken);
    assert.deepEqual(keys, puts.map(p => p.Key));
    const refused = await failure(kvs.send(new DeleteKeyCommand({ KvsARN: STORE_ARN, Key: 'release/0', IfMatch: ETag })));
    assert.equal(refused.name, 'AccessDeniedException');
    const deleted = await kvs.send(new UpdateKeysCommand({ KvsARN: STORE_ARN, IfMatch: ETag, Deletes: [{ Key: 'release/0' }] }));
    assert.equal(deleted.ItemCount, 6);
    const tooLong = await failure(kvs.send(new PutKeyCommand({ KvsARN: STORE_ARN, Key: 'big', Value: 'x'.repeat(1025), IfMatch: deleted.ETag })));
    assert.equal(tooLong.name, 'ValidationException');
  });

  it('lets only the deploy role in, and only with a SigV4A signature from the caller\'s own secret', async () => {
    const asBuild = await failure(clientFor(cloud.endpoints.api, { ...BUILD }).send(new DescribeKeyValueStoreCommand({ KvsARN: STORE_ARN })));
    assert.equal(asBuild.name, 'AccessDeniedException');
    assert.match(asBuild.message, /cloudfront-keyvaluestore:DescribeKeyValueStore/);

    const wrongSecret = await failure(clientFor(cloud.endpoints.api, { ...role, secretAccessKey: `${role.secretAccessKey}x` }).send(new DescribeKeyValueStoreCommand({ KvsARN: STORE_ARN })));
    assert.equal(wrongSecret.$metadata.httpStatusCode, 403);
    assert.match(wrongSecret.name, /InvalidSignatureException/);

    // A SigV4 (HMAC) signature is refused even though it is valid: the data plane takes SigV4A only.
    const url = new URL(`/key-value-stores/${encodeURIComponent(STORE_ARN)}`, cloud.endpoints.api);
    const v4 = new SignatureV4({ credentials: role, region: 'us-east-1', service: 'cloudfront-keyvaluestore', sha256: Hash.bind(null, 'sha256') });
    const signed = await v4.sign({ method: 'GET', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: url.pathname, query: {}, headers: { host: url.host } });
    const response = await fetch(url, { headers: signed.headers });
    assert.equal(response.status, 403);
    assert.match(await response.text(), /SigV4A/);

    // A valid SigV4A signature from 20 minutes ago is outside AWS's 15 minutes; the same signed now passes.
    const v4a = new SignatureV4a({ credentials: role, region: '*', service: 'cloudfront-keyvaluestore', sha256: Hash.bind(null, 'sha256') });
    const signedAt = async date => (await v4a.sign({ method: 'GET', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: url.pathname, query: {}, headers: { host: url.host } }, { signingDate: date })).headers;
    const old = await fetch(url, { headers: await signedAt(new Date(Date.now() - 20 * 60 * 1000)) });
    assert.equal(old.status, 403);
    assert.match(await old.text(), /Signature expired/);
    assert.equal((await fetch(url, { headers: await signedAt(new Date()) })).status, 200);
  });

  it('counts successful writes, and the edge\'s cf.kvs() reads a write on the next request', async () => {
    const writesBefore = readRequestCounts(cloud.stateDir)['cloudfront-keyvaluestore']?.write ?? 0;
    const fn = compileViewerRequestFunction({
      name: 'release-switch', file: 'release-switch.js', runtime: 'cloudfront-js-2.0', keyValueStore: { arn: STORE_ARN, stores: cloud.keyValueStores },
      code: `import cf from 'cloudfront';
const kvs = cf.kvs();
async function handler(event) {
  const request = event.request;
  request.uri = '/releases/' + (await kvs.get('live', { format: 'json' })).id + request.uri;
  return request;
}`,
    });
    const run = async () => (await fn.run({ method: 'GET', uri: '/index.html', query: '', headers: {} }, { distributionId: 'E', distributionDomainName: 'd', viewerIp: '192.0.2.1' })).request.uri;

    let { ETag } = await kvs.send(new DescribeKeyValueStoreCommand({ KvsARN: STORE_ARN }));
    ({ ETag } = await kvs.send(new PutKeyCommand({ KvsARN: STORE_ARN, Key: 'live', Value: '{"id":"r-1"}', IfMatch: ETag })));
    assert.equal(await run(), '/releases/r-1/index.html');
    await kvs.send(new PutKeyCommand({ KvsARN: STORE_ARN, Key: 'live', Value: '{"id":"r-2"}', IfMatch: ETag }));
    assert.equal(await run(), '/releases/r-2/index.html');
    await failure(kvs.send(new PutKeyCommand({ KvsARN: STORE_ARN, Key: 'live', Value: '{"id":"r-3"}', IfMatch: ETag })));

    const counts = readRequestCounts(cloud.stateDir);
    assert.equal(counts['cloudfront-keyvaluestore'].write - writesBefore, 2, 'two writes succeeded; the conflict is not counted');
    assert.ok(counts['cloudfront-keyvaluestore'].read >= 1);
  });
});

describe('KeyValueStore state', () => {
  it('survives a restart with the same state dir: items and ETag, so a deploy holding the ETag can still write', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kvs-state-'));
    try {
      const options = { stores: [{ arn: STORE_ARN, name: 'releases' }], stateFile: join(dir, 'stores.json'), clock: { now: () => Date.now() } };
      const first = new KeyValueStores(options);
      const { etag } = first.update(STORE_ARN, first.describe(STORE_ARN).etag, { puts: [{ key: 'live', value: 'r-9' }] });
      const again = new KeyValueStores(options);
      assert.equal(again.describe(STORE_ARN).etag, etag);
      assert.equal(again.get(STORE_ARN, 'live'), 'r-9');
      assert.notEqual(again.update(STORE_ARN, etag, { deletes: ['live'] }).etag, etag);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
