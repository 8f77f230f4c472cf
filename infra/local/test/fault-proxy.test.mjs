// The fault proxy: reproducible from its seed, AWS-shaped faults per service, and clients that
// retry (the AWS SDK in standard retry mode) end with exactly the bytes they sent.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { KMSClient, DescribeKeyCommand } from '@aws-sdk/client-kms';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createFaultProxy, seededRandom, serviceOf } from '../src/faults/fault-proxy.mjs';
import { aws, sdkConfig, startTestCloud, STORE } from './support.mjs';

const listen = server => new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`)));
const close = server => new Promise(resolve => { server.close(() => resolve()); server.closeAllConnections(); });
const md5 = bytes => createHash('md5').update(bytes).digest('hex');

describe('fault proxy', () => {
  let cloud;
  before(async () => {
    cloud = await startTestCloud();
  });
  after(() => cloud.close());

  it('names the service of SigV4 and SigV4A requests (the KeyValueStore API signs without a region)', () => {
    const v4 = 'AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20261201/eu-central-1/s3/aws4_request, SignedHeaders=host, Signature=ab';
    const v4a = 'AWS4-ECDSA-P256-SHA256 Credential=AKIAEXAMPLE/20261201/cloudfront-keyvaluestore/aws4_request, SignedHeaders=host;x-amz-region-set, Signature=30';
    assert.equal(serviceOf({ authorization: v4 }, '/'), 's3');
    assert.equal(serviceOf({ authorization: v4a }, '/key-value-stores/x/keys/live'), 'cloudfront-keyvaluestore');
    assert.equal(serviceOf({}, '/b/k?X-Amz-Credential=AKIAEXAMPLE%2F20261201%2Feu-west-1%2Fs3%2Faws4_request'), 's3');
    assert.equal(serviceOf({}, '/'), 'unknown');
  });

  it('draws the same faults from the same seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const first = Array.from({ length: 100 }, a);
    assert.deepEqual(first, Array.from({ length: 100 }, b));
    assert.notDeepEqual(first, Array.from({ length: 100 }, seededRandom(43)));
    assert.ok(first.every(x => x >= 0 && x < 1));
  });

  it('answers each service\'s throttling error in its own wire shape', async () => {
    const proxy = createFaultProxy({ target: cloud.endpoints.api, rate: 1, kinds: ['throttle'] });
    const endpoint = await listen(proxy);
    try {
      const kms = new KMSClient(sdkConfig(endpoint));
      await assert.rejects(kms.send(new DescribeKeyCommand({ KeyId: 'alias/jamstack-artifacts' })), { name: 'ThrottlingException' });
      const s3 = await aws(['s3api', 'head-bucket', '--bucket', STORE['eu-central-1']], { endpoint });
      assert.match(s3.stderr, /503|SlowDown/);
      assert.equal(proxy.stats.faults.throttle, proxy.stats.requests);
    } finally {
      await close(proxy);
    }
  });

  it('faults 30% of requests, and a retrying client still stores exactly what it sent', async () => {
    const proxy = createFaultProxy({
      target: cloud.endpoints.api, rate: 0.3, seed: 7, delayMs: 50,
      kinds: ['internal-error', 'slow-down', 'throttle', 'reset-before', 'reset-after', 'delay'],
    });
    const endpoint = await listen(proxy);
    const keyArn = cloud.topology.regionOf('eu-central-1').kmsKeyArn;
    try {
      // The AWS SDK for JavaScript, retrying as clients do (standard mode), through the proxy.
      const s3 = new S3Client({ ...sdkConfig(endpoint), maxAttempts: 8 });
      const sent = {};
      for (let i = 0; i < 16; i += 1) {
        const bytes = randomBytes(2000 + i);
        await s3.send(new PutObjectCommand({ Bucket: STORE['eu-central-1'], Key: `faults/a${i}.zip`, Body: bytes, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn }));
        sent[`faults/a${i}.zip`] = md5(bytes);
      }
      const faulted = Object.values(proxy.stats.faults).reduce((a, b) => a + b, 0);
      assert.ok(faulted >= 2, `faults were injected (${JSON.stringify(proxy.stats)})`);
      // Read back without the proxy: every object is whole and exactly what was sent.
      const direct = new S3Client(sdkConfig(cloud.endpoints.api));
      for (const [key, sum] of Object.entries(sent)) {
        const got = await direct.send(new GetObjectCommand({ Bucket: STORE['eu-central-1'], Key: key }));
        assert.equal(md5(Buffer.from(await got.Body.transformToByteArray())), sum, key);
      }
    } finally {
      await close(proxy);
    }
  });

  it('holds the k-th matching request unanswered, before or after the cloud stored it, and says which', async () => {
    const keyArn = cloud.topology.regionOf('eu-central-1').kmsKeyArn;
    const direct = new S3Client(sdkConfig(cloud.endpoints.api));
    const stored = key => direct.send(new GetObjectCommand({ Bucket: STORE['eu-central-1'], Key: key })).then(() => true, () => false);
    for (const afterForward of [false, true]) {
      const held = [];
      const proxy = createFaultProxy({ target: cloud.endpoints.api, rate: 0, hold: { match: /^s3 PUT \/[^/]+\/hold\//, at: 2, afterForward, onHold: h => held.push(h) } });
      const endpoint = await listen(proxy);
      try {
        const s3 = new S3Client(sdkConfig(endpoint));
        const put = (key, signal) => s3.send(new PutObjectCommand({ Bucket: STORE['eu-central-1'], Key: key, Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn }), { abortSignal: signal });
        await put(`hold/${afterForward}/1.zip`);
        await assert.rejects(put(`hold/${afterForward}/2.zip`, AbortSignal.timeout(1500)), { name: /Abort|Timeout/ });
        await put(`other/${afterForward}/3.zip`); // not matching: passes
        assert.equal(held.length, 1);
        assert.equal(held[0].method, 'PUT');
        assert.match(held[0].url, new RegExp(`^/${STORE['eu-central-1']}/hold/${afterForward}/2\\.zip`));
        assert.equal(await stored(`hold/${afterForward}/1.zip`), true);
        assert.equal(await stored(`hold/${afterForward}/2.zip`), afterForward, 'held after the cloud answered: stored; before: not');
      } finally {
        await close(proxy);
      }
    }
  });
});
