// S3 through the gateway, as strict as the buckets' policies: SSE-KMS with the region's key ARN
// on artifact stores, the right identity per bucket, the bucket's own region; and objects read
// back byte for byte, whether sent plain, multipart or aws-chunked.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { S3Client, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { assumeDeployRole, aws, BUILD, SITE_BUCKET, STORE, sdkConfig, startTestCloud } from './support.mjs';

const md5 = data => createHash('md5').update(data).digest('hex');

describe('S3 through the gateway', () => {
  let cloud;
  let api;
  let keyArn;
  let westKeyArn;
  let role;
  let work;
  before(async () => {
    cloud = await startTestCloud();
    api = cloud.endpoints.api;
    keyArn = cloud.topology.regionOf('eu-central-1').kmsKeyArn;
    westKeyArn = cloud.topology.regionOf('eu-west-1').kmsKeyArn;
    role = await assumeDeployRole(api);
    work = mkdtempSync(join(tmpdir(), 'local-cloud-s3-'));
  });
  after(async () => {
    rmSync(work, { recursive: true, force: true });
    await cloud.close();
  });

  const putArtifact = (key, file, ...sse) =>
    aws(['s3api', 'put-object', '--bucket', STORE['eu-central-1'], '--key', key, '--body', file, ...sse], { endpoint: api });

  it('refuses artifact uploads naming AES256, another region\'s key or the alias, and encrypts one naming none with the region\'s key', async () => {
    const file = join(work, 'a.zip');
    writeFileSync(file, randomBytes(1000));
    const aes = await putArtifact('refused/aes.zip', file, '--server-side-encryption', 'AES256');
    assert.match(aes.stderr, /AccessDenied/);
    assert.match(aes.stderr, /explicit deny in a resource-based policy \(statement DenyUnencryptedObjectUploads of .*modules\/private-bucket\/main\.tf/);
    const wrongKey = await putArtifact('refused/west.zip', file, '--server-side-encryption', 'aws:kms', '--ssekms-key-id', westKeyArn);
    assert.match(wrongKey.stderr, /AccessDenied.*DenyWrongKmsKey/);
    const alias = await putArtifact('refused/alias.zip', file, '--server-side-encryption', 'aws:kms', '--ssekms-key-id', 'alias/jamstack-artifacts');
    assert.match(alias.stderr, /AccessDenied.*DenyWrongKmsKey/);
    const list = await aws(['s3api', 'list-objects-v2', '--bucket', STORE['eu-central-1'], '--prefix', 'refused/'], { endpoint: api });
    assert.equal(list.code, 0, list.stderr);
    assert.equal(list.json?.Contents, undefined, 'nothing refused was stored');

    // Naming no encryption at all: the bucket's default encryption (infra/) applies, with the region's key.
    const plain = await putArtifact('default/plain.zip', file);
    assert.equal(plain.code, 0, plain.stderr);
    assert.equal(plain.json.ServerSideEncryption, 'aws:kms');
    assert.equal(plain.json.SSEKMSKeyId, keyArn);
  });

  it('stores an artifact sent with the region key ARN and returns its SSE headers and exact bytes (aws CLI)', async () => {
    const file = join(work, 'contact-form.zip');
    const bytes = randomBytes(300_000);
    writeFileSync(file, bytes);
    const put = await putArtifact('functions/contact-form/1.0.0.zip', file, '--server-side-encryption', 'aws:kms', '--ssekms-key-id', keyArn);
    assert.equal(put.code, 0, put.stderr);
    assert.equal(put.json.ServerSideEncryption, 'aws:kms');
    assert.equal(put.json.SSEKMSKeyId, keyArn);

    const out = join(work, 'back.zip');
    const get = await aws(['s3api', 'get-object', '--bucket', STORE['eu-central-1'], '--key', 'functions/contact-form/1.0.0.zip', out], { endpoint: api });
    assert.equal(get.code, 0, get.stderr);
    assert.equal(get.json.ServerSideEncryption, 'aws:kms');
    assert.equal(get.json.SSEKMSKeyId, keyArn);
    assert.equal(get.json.ETag, `"${md5(bytes)}"`);
    assert.deepEqual(readFileSync(out), bytes);
  });

  it('gives multipart uploads S3\'s ETag (md5 of part md5s, -N) and the bytes sent (aws s3 cp)', async () => {
    const file = join(work, 'site.zip');
    const bytes = randomBytes(9 * 1024 * 1024);
    writeFileSync(file, bytes);
    const cp = await aws(['s3', 'cp', file, `s3://${STORE['eu-central-1']}/site/1.0.0.zip`, '--sse', 'aws:kms', '--sse-kms-key-id', keyArn, '--only-show-errors'], { endpoint: api });
    assert.equal(cp.code, 0, cp.stderr);
    const partSize = 8 * 1024 * 1024;
    const expected = `${md5(Buffer.concat([bytes.subarray(0, partSize), bytes.subarray(partSize)].map(p => Buffer.from(md5(p), 'hex'))))}-2`;
    const head = await aws(['s3api', 'head-object', '--bucket', STORE['eu-central-1'], '--key', 'site/1.0.0.zip'], { endpoint: api });
    assert.equal(head.json.ETag, `"${expected}"`);
    assert.equal(head.json.SSEKMSKeyId, keyArn);
    const list = await aws(['s3api', 'list-objects-v2', '--bucket', STORE['eu-central-1'], '--prefix', 'site/'], { endpoint: api });
    assert.equal(list.json.Contents[0].ETag, `"${expected}"`);
    const out = join(work, 'site-back.zip');
    await aws(['s3', 'cp', `s3://${STORE['eu-central-1']}/site/1.0.0.zip`, out, '--only-show-errors'], { endpoint: api });
    assert.ok(readFileSync(out).equals(bytes));
  });

  it('reads back SDK uploads byte-identical: a plain body, and an aws-chunked stream with a checksum trailer', async () => {
    const s3 = new S3Client(sdkConfig(api));
    const plain = randomBytes(70_000);
    await s3.send(new PutObjectCommand({ Bucket: STORE['eu-central-1'], Key: 'sdk/plain.bin', Body: plain, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn }));
    const streamed = randomBytes(200_000);
    await s3.send(new PutObjectCommand({
      Bucket: STORE['eu-central-1'], Key: 'sdk/streamed.bin', Body: Readable.from([streamed.subarray(0, 100_000), streamed.subarray(100_000)]),
      ContentLength: streamed.length, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn,
    }));
    assert.ok(cloud.logLines.some(l => l.includes('/sdk/streamed.bin') && l.includes('aws-chunked')), 'the SDK streamed an aws-chunked body');
    for (const [key, bytes] of [['sdk/plain.bin', plain], ['sdk/streamed.bin', streamed]]) {
      const got = await s3.send(new GetObjectCommand({ Bucket: STORE['eu-central-1'], Key: key }));
      assert.ok(Buffer.from(await got.Body.transformToByteArray()).equals(bytes), key);
      assert.equal(got.ServerSideEncryption, 'aws:kms');
      assert.equal(got.SSEKMSKeyId, keyArn);
    }
  });

  it('decodes a signed aws-chunked body and refuses one whose chunk was altered', async () => {
    const data = randomBytes(100_000);
    const send = async tamper => {
      const signer = new SignatureV4({ credentials: BUILD, region: 'eu-central-1', service: 's3', sha256: Hash.bind(null, 'sha256'), uriEscapePath: false });
      const host = new URL(api).host;
      const date = new Date();
      const headers = {
        host,
        'content-encoding': 'aws-chunked',
        'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
        'x-amz-decoded-content-length': String(data.length),
        'x-amz-server-side-encryption': 'aws:kms',
        'x-amz-server-side-encryption-aws-kms-key-id': keyArn,
      };
      const path = `/${STORE['eu-central-1']}/chunked/${tamper ? 'tampered' : 'signed'}.bin`;
      const signed = await signer.sign({ method: 'PUT', protocol: 'http:', hostname: host, path, headers, query: {} }, { signingDate: date });
      const seed = /Signature=([0-9a-f]{64})/.exec(signed.headers.authorization)[1];
      // Chunk signatures as the SigV4 streaming spec defines them, computed here independently.
      const day = signed.headers['x-amz-date'].slice(0, 8);
      let key = `AWS4${BUILD.secretAccessKey}`;
      for (const part of [day, 'eu-central-1', 's3', 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
      const sha = b => createHash('sha256').update(b).digest('hex');
      let previous = seed;
      const frames = [];
      for (const chunk of [data.subarray(0, 65536), data.subarray(65536), Buffer.alloc(0)]) {
        const toSign = ['AWS4-HMAC-SHA256-PAYLOAD', signed.headers['x-amz-date'], `${day}/eu-central-1/s3/aws4_request`, previous, sha(''), sha(chunk)].join('\n');
        previous = createHmac('sha256', key).update(toSign).digest('hex');
        const payload = tamper && chunk.length ? Buffer.from(chunk).fill(7, 0, 1) : chunk;
        frames.push(Buffer.from(`${chunk.length.toString(16)};chunk-signature=${previous}\r\n`), payload, Buffer.from('\r\n'));
      }
      return fetch(`${api}${path}`, { method: 'PUT', headers: signed.headers, body: Buffer.concat(frames) });
    };
    const ok = await send(false);
    assert.equal(ok.status, 200, await ok.text());
    const bad = await send(true);
    assert.equal(bad.status, 403);
    assert.match(await bad.text(), /SignatureDoesNotMatch/);
    const back = await aws(['s3api', 'get-object', '--bucket', STORE['eu-central-1'], '--key', 'chunked/signed.bin', join(work, 'chunked.bin')], { endpoint: api });
    assert.equal(back.code, 0, back.stderr);
    assert.ok(readFileSync(join(work, 'chunked.bin')).equals(data));
    const missing = await aws(['s3api', 'head-object', '--bucket', STORE['eu-central-1'], '--key', 'chunked/tampered.bin'], { endpoint: api });
    assert.notEqual(missing.code, 0, 'the tampered upload was not stored');
  });

  it('answers a request signed for another region with AuthorizationHeaderMalformed naming the bucket\'s region', async () => {
    const s3 = new S3Client({ ...sdkConfig(api, BUILD, 'eu-west-1'), followRegionRedirects: false });
    await assert.rejects(s3.send(new ListObjectsV2Command({ Bucket: STORE['eu-central-1'] })), err => {
      assert.equal(err.name, 'AuthorizationHeaderMalformed');
      assert.match(err.message, /expecting 'eu-central-1'/);
      return true;
    });
    const head = await s3.send(new HeadObjectCommand({ Bucket: STORE['eu-central-1'], Key: 'sdk/plain.bin' })).catch(e => e);
    assert.equal(head.$metadata.httpStatusCode, 400, 'HEAD gets the status without a body');
  });

  it('lets only the deploy role write the site bucket, and lets it read but not write artifacts', async () => {
    const page = join(work, 'index.html');
    writeFileSync(page, '<h1>home</h1>');
    const asBuild = await aws(['s3', 'cp', page, `s3://${SITE_BUCKET}/index.html`, '--only-show-errors'], { endpoint: api });
    assert.match(asBuild.stderr, /AccessDenied/);
    const asRole = await aws(['s3', 'cp', page, `s3://${SITE_BUCKET}/index.html`, '--content-type', 'text/html', '--cache-control', 'public, max-age=0, must-revalidate', '--only-show-errors'], { endpoint: api, credentials: role });
    assert.equal(asRole.code, 0, asRole.stderr);
    const head = await aws(['s3api', 'head-object', '--bucket', SITE_BUCKET, '--key', 'index.html'], { endpoint: api, credentials: role });
    assert.equal(head.json.ContentType, 'text/html');
    assert.equal(head.json.CacheControl, 'public, max-age=0, must-revalidate');

    const read = await aws(['s3api', 'head-object', '--bucket', STORE['eu-central-1'], '--key', 'functions/contact-form/1.0.0.zip'], { endpoint: api, credentials: role });
    assert.equal(read.code, 0, read.stderr);
    const write = await aws(['s3api', 'put-object', '--bucket', STORE['eu-central-1'], '--key', 'functions/x.zip', '--body', page, '--server-side-encryption', 'aws:kms', '--ssekms-key-id', keyArn], { endpoint: api, credentials: role });
    assert.match(write.stderr, /AccessDenied/);
  });

  it('serves each region\'s store in its own region only', async () => {
    const file = join(work, 'west.zip');
    writeFileSync(file, randomBytes(100));
    const west = await aws(['s3api', 'put-object', '--bucket', STORE['eu-west-1'], '--key', 'functions/mail-forwarder/1.0.0.zip', '--body', file,
      '--server-side-encryption', 'aws:kms', '--ssekms-key-id', westKeyArn], { endpoint: api, region: 'eu-west-1' });
    assert.equal(west.code, 0, west.stderr);
    const location = await aws(['s3api', 'get-bucket-location', '--bucket', STORE['eu-west-1']], { endpoint: api, region: 'us-east-1' });
    assert.equal(location.json.LocationConstraint, 'eu-west-1');
  });

  it('honours If-None-Match: * and If-Match on PutObject and If-Match on DeleteObject as S3 does (412 PreconditionFailed), one winner of simultaneous creates', async () => {
    const s3 = new S3Client(sdkConfig(api, role));
    const put = (body, conditions) => s3.send(new PutObjectCommand({ Bucket: SITE_BUCKET, Key: '_deploy/lock-test.json', Body: body, ContentType: 'application/json', ...conditions }));
    const status = promise => promise.then(r => ({ ok: r }), e => ({ code: e.name, status: e.$metadata?.httpStatusCode }));

    // Five creates at once: exactly one succeeds, the others are refused as S3 refuses them.
    const creates = await Promise.all([1, 2, 3, 4, 5].map(n => status(put(`{"holder":${n}}`, { IfNoneMatch: '*' }))));
    assert.equal(creates.filter(c => c.ok).length, 1, JSON.stringify(creates));
    assert.deepEqual(creates.filter(c => !c.ok).map(c => [c.code, c.status]), Array(4).fill(['PreconditionFailed', 412]));
    const holder = creates.find(c => c.ok).ok.ETag;
    const body = await (await s3.send(new GetObjectCommand({ Bucket: SITE_BUCKET, Key: '_deploy/lock-test.json' }))).Body.transformToString();
    assert.equal(md5(body), holder.replace(/"/g, ''), 'the stored object is the winner\'s');

    // If-Match: only with the current ETag; a stale one is refused and changes nothing.
    const stale = await status(put('{"holder":"late"}', { IfMatch: '"0123456789abcdef0123456789abcdef"' }));
    assert.deepEqual([stale.code, stale.status], ['PreconditionFailed', 412]);
    const renewed = await status(put('{"holder":"renewed"}', { IfMatch: holder }));
    assert.ok(renewed.ok, JSON.stringify(renewed));
    const missing = await status(s3.send(new PutObjectCommand({ Bucket: SITE_BUCKET, Key: '_deploy/absent.json', Body: '{}', IfMatch: holder })));
    assert.deepEqual([missing.code, missing.status], ['NoSuchKey', 404]);

    // A conditional delete with the old ETag is refused; with the current one it deletes.
    const oldDelete = await status(s3.send(new DeleteObjectCommand({ Bucket: SITE_BUCKET, Key: '_deploy/lock-test.json', IfMatch: holder })));
    assert.deepEqual([oldDelete.code, oldDelete.status], ['PreconditionFailed', 412]);
    const deleted = await status(s3.send(new DeleteObjectCommand({ Bucket: SITE_BUCKET, Key: '_deploy/lock-test.json', IfMatch: renewed.ok.ETag })));
    assert.ok(deleted.ok, JSON.stringify(deleted));
    const gone = await status(s3.send(new HeadObjectCommand({ Bucket: SITE_BUCKET, Key: '_deploy/lock-test.json' })));
    assert.equal(gone.status, 404);
    // Unconditional writes are untouched.
    assert.ok((await status(put('{}', {}))).ok);
    assert.ok((await status(put('{}', {}))).ok);
  });
});
