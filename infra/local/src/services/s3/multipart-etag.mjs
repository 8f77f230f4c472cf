// S3 gives a multipart object the ETag md5(part md5s)-N; s3rver 3.7.1 gives the whole object's
// MD5. Deploys compare ETags to skip unchanged large files, so after a completed upload the
// gateway writes the S3 ETag where s3rver keeps it (<key>._S3rver_object.md5 beside the object);
// GET, HEAD and listings then all report it.
import { createHash } from 'node:crypto';
import { writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { parseXml } from '../../xml.mjs';

/** The ETag S3 would give the object a CompleteMultipartUpload request assembles (without quotes). */
export function multipartEtag(completeRequestXml) {
  const parts = [].concat(parseXml(completeRequestXml)?.CompleteMultipartUpload?.Part ?? [])
    .map(p => ({ number: Number(p.PartNumber), md5: String(p.ETag).replace(/"/g, '') }))
    .sort((a, b) => a.number - b.number);
  if (!parts.length || parts.some(p => !/^[0-9a-f]{32}$/i.test(p.md5))) return undefined;
  const digest = createHash('md5').update(Buffer.concat(parts.map(p => Buffer.from(p.md5, 'hex')))).digest('hex');
  return `${digest}-${parts.length}`;
}

/** Same path rule as s3rver's FilesystemStore.getResourcePath. */
function etagFile(s3Directory, bucket, key) {
  const encoded = process.platform === 'win32' ? key.replace(/[<>:"\\|?*]/g, ch => `&${Buffer.from(ch, 'utf8').toString('hex')}`) : key;
  const parts = encoded.split('/');
  return join(s3Directory, bucket, ...parts.slice(0, -1), format('%s._S3rver_%s', parts.at(-1), 'object.md5'));
}

export function storeEtag(s3Directory, bucket, key, etag) {
  const file = etagFile(s3Directory, bucket, key);
  if (!existsSync(file)) return false;
  writeFileSync(file, etag);
  return true;
}
