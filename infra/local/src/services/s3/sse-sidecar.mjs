// s3rver keeps no server-side-encryption headers, so the gateway keeps them beside it: one small
// JSON file per object (named by a hash of bucket and key), one per open multipart upload.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

export const SSE_HEADERS = [
  'x-amz-server-side-encryption',
  'x-amz-server-side-encryption-aws-kms-key-id',
  'x-amz-server-side-encryption-context',
  'x-amz-server-side-encryption-bucket-key-enabled',
];

export function sseFromHeaders(headers, defaultKmsKeyArn) {
  const sse = {};
  for (const name of SSE_HEADERS) if (headers[name] !== undefined) sse[name] = headers[name];
  if (!sse['x-amz-server-side-encryption']) return undefined;
  if (sse['x-amz-server-side-encryption'] === 'aws:kms' && !sse['x-amz-server-side-encryption-aws-kms-key-id']) {
    sse['x-amz-server-side-encryption-aws-kms-key-id'] = defaultKmsKeyArn;
  }
  delete sse['x-amz-server-side-encryption-context'];
  return sse;
}

export class SseSidecar {
  #dir;

  constructor(dir) {
    this.#dir = dir;
    mkdirSync(join(dir, 'objects'), { recursive: true });
    mkdirSync(join(dir, 'uploads'), { recursive: true });
  }

  #objectPath(bucket, key) {
    return join(this.#dir, 'objects', `${createHash('sha256').update(`${bucket}/${key}`).digest('hex')}.json`);
  }

  #uploadPath(uploadId) {
    return join(this.#dir, 'uploads', `${createHash('sha256').update(uploadId).digest('hex')}.json`);
  }

  get(bucket, key) {
    return read(this.#objectPath(bucket, key));
  }

  /** Records the SSE of an object just written; undefined clears what an earlier write left. */
  set(bucket, key, sse) {
    const path = this.#objectPath(bucket, key);
    if (sse) write(path, sse);
    else rmSync(path, { force: true });
  }

  delete(bucket, key) {
    rmSync(this.#objectPath(bucket, key), { force: true });
  }

  beginUpload(uploadId, sse) {
    if (sse) write(this.#uploadPath(uploadId), sse);
  }

  endUpload(uploadId) {
    const path = this.#uploadPath(uploadId);
    const sse = read(path);
    rmSync(path, { force: true });
    return sse;
  }

  peekUpload(uploadId) {
    return read(this.#uploadPath(uploadId));
  }
}

function read(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function write(path, value) {
  writeFileSync(`${path}.tmp`, JSON.stringify(value));
  renameSync(`${path}.tmp`, path);
}
