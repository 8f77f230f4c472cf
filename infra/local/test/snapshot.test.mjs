// The local cloud's snapshot: what it holds (objects, functions, invalidations), not who asked.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { snapshotOf } from '../src/snapshot.mjs';

describe('snapshot', () => {
  it('changes with any object, SSE record, function or invalidation, and not with sessions, logs or decisions', () => {
    const dir = mkdtempSync(join(tmpdir(), 'snapshot-'));
    const write = (path, text) => { mkdirSync(dirname(join(dir, path)), { recursive: true }); writeFileSync(join(dir, path), text); };
    try {
      write('s3/site/index.html._S3rver_object', '<p>1</p>');
      write('s3-sse/objects/site.json', '{}');
      write('lambda/functions.json', '{"f":{"aliases":{"live":"1"}}}');
      write('cloudfront/invalidations.json', '[]');
      write('sts/sessions.json', '{}');
      write('local-cloud.log', 'started');
      write('iam/decisions.jsonl', '');
      const before = snapshotOf(dir);
      assert.deepEqual(Object.keys(before.files), ['s3/site/index.html._S3rver_object', 's3-sse/objects/site.json', 'lambda/functions.json', 'cloudfront/invalidations.json']);

      write('sts/sessions.json', '{"a":1}');
      write('local-cloud.log', 'more');
      write('iam/decisions.jsonl', '{}');
      assert.deepEqual(snapshotOf(dir), before, 'who asked is not what the cloud holds');

      for (const [path, text] of [['s3/site/index.html._S3rver_object', '<p>2</p>'], ['lambda/functions.json', '{"f":{"aliases":{"live":"2"}}}'], ['cloudfront/invalidations.json', '[1]']]) {
        const old = snapshotOf(dir);
        write(path, text);
        assert.notEqual(snapshotOf(dir).files[path], old.files[path], path);
      }
      write('s3/site/new.html._S3rver_object', 'new');
      assert.ok('s3/site/new.html._S3rver_object' in snapshotOf(dir).files);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
