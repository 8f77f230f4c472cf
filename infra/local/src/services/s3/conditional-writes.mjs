// S3's conditional writes, which s3rver ignores: PutObject and CompleteMultipartUpload with
// If-None-Match: * (only if no object has the key) or If-Match: "etag" (only if the object has that
// ETag), DeleteObject with If-Match. A failed condition is S3's 412 PreconditionFailed (404 NoSuchKey
// for If-Match on a missing key; 501 NotImplemented for If-None-Match other than *). Every write to
// a key waits for the one before it, so a check and its write are one step, as S3 makes them: of two
// deploys creating the same lock object at once, exactly one succeeds.
import { awsError } from '../../gateway/errors.mjs';

const WRITES = new Set(['PutObject', 'CompleteMultipartUpload', 'CopyObject', 'DeleteObject']);
const CONDITIONAL = new Set(['PutObject', 'CompleteMultipartUpload', 'DeleteObject']);

const unquote = etag => String(etag ?? '').trim().replace(/^W\//, '').replace(/^"|"$/g, '');

/**
 * @param {{ headObject: (bucket: string, key: string) => Promise<{ status: number, headers: object }> }} s3rver
 */
export function createConditionalWrites({ headObject }) {
  const tails = new Map();

  /** Runs write() after every earlier write of the same key has finished. */
  async function inTurn(id, write) {
    const before = tails.get(id) ?? Promise.resolve();
    let done;
    const mine = new Promise(r => { done = r; });
    const tail = before.then(() => mine);
    tails.set(id, tail);
    await before;
    try {
      return await write();
    } finally {
      done();
      if (tails.get(id) === tail) tails.delete(id);
    }
  }

  async function check(operation, bucket, key, headers) {
    const ifNoneMatch = headers['if-none-match'];
    const ifMatch = headers['if-match'];
    if (ifNoneMatch === undefined && ifMatch === undefined) return;
    if (!CONDITIONAL.has(operation)) return;
    if (ifNoneMatch !== undefined && (operation === 'DeleteObject' || ifNoneMatch.trim() !== '*')) {
      throw awsError(501, 'NotImplemented', 'A header you provided implies functionality that is not implemented', { fields: { Header: 'If-None-Match' } });
    }
    const head = await headObject(bucket, key);
    const exists = head.status >= 200 && head.status < 300;
    if (ifNoneMatch !== undefined && exists) {
      throw awsError(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', { fields: { Condition: 'If-None-Match' } });
    }
    if (ifMatch !== undefined) {
      if (!exists) throw awsError(404, 'NoSuchKey', 'The specified key does not exist.', { fields: { Key: key } });
      const wanted = ifMatch.split(',').map(unquote);
      if (!wanted.includes('*') && !wanted.includes(unquote(head.headers.etag))) {
        throw awsError(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', { fields: { Condition: 'If-Match' } });
      }
    }
  }

  return {
    /** Checks the request's conditions and runs write(), in turn with every other write of the key. */
    async write(operation, bucket, key, headers, write) {
      if (!WRITES.has(operation) || !key) return write();
      return inTurn(`${bucket}/${key}`, async () => {
        await check(operation, bucket, key, headers);
        return write();
      });
    },
  };
}
