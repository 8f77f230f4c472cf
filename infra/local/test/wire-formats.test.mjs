// The pure wire-format pieces: aws-chunked framing and trailers, checksums, S3's multipart ETag,
// query parsing, and API Gateway HTTP API payload 2.0 in and out.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { decodeAwsChunked, STREAMING_UNSIGNED_TRAILER } from '../src/gateway/aws-chunked.mjs';
import { verifyChecksums } from '../src/gateway/checksums.mjs';
import { parseQuery } from '../src/gateway/request.mjs';
import { multipartEtag } from '../src/services/s3/multipart-etag.mjs';
import { classify } from '../src/services/s3/operations.mjs';
import { httpApiEvent, httpApiResponse } from '../src/site/http-api-event.mjs';

const crc32Base64 = data => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(crc32(data));
  return b.toString('base64');
};

describe('wire formats', () => {
  it('decodes an unsigned aws-chunked body with a checksum trailer, and rejects a truncated one', () => {
    const data = Buffer.from('hello, chunked world');
    const body = Buffer.concat([
      Buffer.from('a\r\n'), data.subarray(0, 10), Buffer.from('\r\n'),
      Buffer.from(`${(data.length - 10).toString(16)}\r\n`), data.subarray(10), Buffer.from('\r\n'),
      Buffer.from(`0\r\nx-amz-checksum-crc32:${crc32Base64(data)}\r\n\r\n`),
    ]);
    const decoded = decodeAwsChunked(body, { mode: STREAMING_UNSIGNED_TRAILER });
    assert.ok(decoded.body.equals(data));
    assert.equal(decoded.trailers['x-amz-checksum-crc32'], crc32Base64(data));
    verifyChecksums(decoded.body, decoded.trailers);
    assert.throws(() => decodeAwsChunked(body.subarray(0, 20), { mode: STREAMING_UNSIGNED_TRAILER }), { code: 'IncompleteBody' });
  });

  it('checks CRC32, CRC32C, SHA-1 and SHA-256 checksums', () => {
    const data = Buffer.from('123456789');
    // CRC-32C check value of "123456789" is 0xE3069283.
    verifyChecksums(data, {
      'x-amz-checksum-crc32': crc32Base64(data),
      'x-amz-checksum-crc32c': Buffer.from('e3069283', 'hex').toString('base64'),
      'x-amz-checksum-sha1': createHash('sha1').update(data).digest('base64'),
      'x-amz-checksum-sha256': createHash('sha256').update(data).digest('base64'),
    });
    assert.throws(() => verifyChecksums(data, { 'x-amz-checksum-crc32c': 'AAAAAA==' }), { code: 'BadDigest' });
  });

  it('computes S3\'s multipart ETag from the parts a CompleteMultipartUpload names, in part order', () => {
    const parts = [Buffer.from('part one'), Buffer.from('part two')];
    const md5 = b => createHash('md5').update(b).digest('hex');
    const xml = `<CompleteMultipartUpload><Part><PartNumber>2</PartNumber><ETag>"${md5(parts[1])}"</ETag></Part><Part><PartNumber>1</PartNumber><ETag>"${md5(parts[0])}"</ETag></Part></CompleteMultipartUpload>`;
    const expected = `${createHash('md5').update(Buffer.concat(parts.map(p => Buffer.from(md5(p), 'hex')))).digest('hex')}-2`;
    assert.equal(multipartEtag(xml), expected);
  });

  it('parses queries as AWS signs them and tells S3 operations apart', () => {
    assert.deepEqual(parseQuery('prefix=a%2Fb+c&uploads&k=1&k=2'), { prefix: 'a/b+c', uploads: '', k: ['1', '2'] });
    const op = (method, key, query = {}, headers = {}) => classify({ method, bucket: 'b', key, query, headers }).name;
    assert.equal(op('GET', '', { 'list-type': '2' }), 'ListObjectsV2');
    assert.equal(op('POST', '', { delete: '' }), 'DeleteObjects');
    assert.equal(op('PUT', 'k', {}, { 'x-amz-copy-source': '/b/o' }), 'CopyObject');
    assert.equal(op('PUT', 'k', { partNumber: '1', uploadId: 'u' }), 'UploadPart');
    assert.equal(op('POST', 'k', { uploads: '' }), 'CreateMultipartUpload');
    assert.equal(op('GET', '', { location: '' }), 'GetBucketLocation');
  });

  it('builds HTTP API 2.0 events (JSON as text, forms base64) and maps results back', () => {
    const json = httpApiEvent({ method: 'POST', path: '/api/contact', rawQuery: '', headers: { 'content-type': 'application/json', cookie: 'a=1; b=2' }, body: Buffer.from('{"x":1}'), sourceIp: '127.0.0.1', accountId: '000000000000' });
    assert.equal(json.version, '2.0');
    assert.equal(json.routeKey, 'POST /api/contact');
    assert.equal(json.requestContext.http.method, 'POST');
    assert.equal(json.body, '{"x":1}');
    assert.equal(json.isBase64Encoded, false);
    assert.deepEqual(json.cookies, ['a=1', 'b=2']);
    const form = httpApiEvent({ method: 'POST', path: '/api/contact', rawQuery: 'q=1', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from('a=b'), sourceIp: '127.0.0.1', accountId: '0' });
    assert.equal(form.isBase64Encoded, true);
    assert.equal(Buffer.from(form.body, 'base64').toString(), 'a=b');
    assert.deepEqual(form.queryStringParameters, { q: '1' });

    const full = httpApiResponse(JSON.stringify({ statusCode: 400, headers: { 'Content-Type': 'application/json' }, body: '{"errors":{}}' }));
    assert.equal(full.status, 400);
    assert.equal(full.headers['content-type'], 'application/json');
    const bare = httpApiResponse(JSON.stringify({ ok: true }));
    assert.equal(bare.status, 200);
    assert.equal(bare.body.toString(), '{"ok":true}');
  });
});
