// x-amz-checksum-* verification (headers or aws-chunked trailers), as S3 does before storing.
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { awsError } from './errors.mjs';

const be32 = n => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b.toString('base64');
};

let crc32cTable;
function crc32c(data) {
  if (!crc32cTable) {
    crc32cTable = new Uint32Array(256);
    for (let i = 0; i < 256; i++) {
      let c = i;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
      crc32cTable[i] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of data) crc = crc32cTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const ALGORITHMS = {
  'x-amz-checksum-crc32': ['CRC32', d => be32(crc32(d))],
  'x-amz-checksum-crc32c': ['CRC32C', d => be32(crc32c(d))],
  'x-amz-checksum-sha1': ['SHA1', d => createHash('sha1').update(d).digest('base64')],
  'x-amz-checksum-sha256': ['SHA256', d => createHash('sha256').update(d).digest('base64')],
};

/** Throws BadDigest when a checksum the client sent does not match the body. Unknown algorithms pass. */
export function verifyChecksums(body, values) {
  for (const [name, value] of Object.entries(values)) {
    const algorithm = ALGORITHMS[name];
    if (!algorithm || !value) continue;
    if (algorithm[1](body) !== value) {
      throw awsError(400, 'BadDigest', `The ${algorithm[0]} you specified did not match the calculated checksum.`);
    }
  }
}

export function contentMd5Matches(body, md5Base64) {
  return createHash('md5').update(body).digest('base64') === md5Base64;
}
