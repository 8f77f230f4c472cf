import assert from 'node:assert/strict';
import test from 'node:test';
import { operationOf, summarize } from '../requests.mjs';

test('names the S3 operation of each request a deploy tool sends', () => {
  const cases = [
    ['GET', '/site?list-type=2&max-keys=1000', 'ListObjectsV2'],
    ['GET', '/site?prefix=&marker=', 'ListObjects'],
    ['GET', '/site?location', 'GetBucketLocation'],
    ['PUT', '/site?website', 'PutBucketWebsite'],
    ['PUT', '/site', 'CreateBucket'],
    ['POST', '/site?delete', 'DeleteObjects'],
    ['GET', '/site/_deploy/state.json', 'GetObject'],
    ['HEAD', '/site/blog/post-1/index.html', 'HeadObject'],
    ['PUT', '/site/blog/post-1/index.html', 'PutObject'],
    ['PUT', '/site/static/videos/intro.mp4?partNumber=2&uploadId=abc', 'UploadPart'],
    ['POST', '/site/static/videos/intro.mp4?uploads', 'CreateMultipartUpload'],
    ['POST', '/site/static/videos/intro.mp4?uploadId=abc', 'CompleteMultipartUpload'],
    ['DELETE', '/site/static/videos/intro.mp4?uploadId=abc', 'AbortMultipartUpload'],
    ['DELETE', '/site/old.html', 'DeleteObject'],
  ];
  for (const [method, url, operation] of cases) assert.equal(operationOf(method, url), operation, `${method} ${url}`);
});

test('counts requests by operation and adds up only the bodies of uploads', () => {
  const log = [
    'GET /site?list-type=2 0',
    'GET /site/_deploy/state.json 0',
    'PUT /site/a.html 100',
    'PUT /site/b.html 250',
    'PUT /site/big.mp4?partNumber=1&uploadId=u 4000',
    'POST /site?delete 900',
    '',
  ].join('\n');
  assert.deepEqual(summarize(log), {
    requests: { DeleteObjects: 1, GetObject: 1, ListObjectsV2: 1, PutObject: 2, UploadPart: 1 },
    requestCount: 6,
    uploadedBytes: 4350,
  });
});

test('an empty slice is a deploy that sent nothing', () => {
  assert.deepEqual(summarize(''), { requests: {}, requestCount: 0, uploadedBytes: 0 });
});

test('a line that is not a logged request names the problem and the fix', () => {
  assert.throws(() => summarize('garbage\n'), /request log line "garbage" .*fix: log with bench\/s3rver-request-log\.cjs/);
});
