// The site bucket as CloudFront reads it through origin access control: the S3 REST API (no
// website index documents, no redirects), GetObject only. Without s3:ListBucket, S3 answers a
// missing key with 403 AccessDenied, not 404, and so does this.
//
// One replaceable function: the lead will route it through the IAM-checked gateway as the
// CloudFront service principal; today it reads s3rver directly.
import { request as httpRequest } from 'node:http';
import { Readable } from 'node:stream';

const FORWARDED = ['range', 'if-none-match', 'if-modified-since', 'if-match', 'if-unmodified-since'];

/**
 * @param {{ s3Port: number }} options
 * @returns {(req: { bucket: string, key: string, method: string, headers: Record<string, string> }) =>
 *   Promise<{ status: number, headers: Record<string, string|string[]>, body: import('node:stream').Readable }>}
 */
export function createS3Origin({ s3Port }) {
  return function readOrigin({ bucket, key, method, headers = {} }) {
    const forwarded = { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }; // any x-amz-* header: s3rver answers as the S3 API
    for (const name of FORWARDED) if (headers[name]) forwarded[name] = headers[name];
    const path = `/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
    const s3Method = method === 'HEAD' ? 'HEAD' : method === 'GET' ? 'GET' : null;
    // "." and ".." are plain key characters to S3, but s3rver would resolve them out of the bucket:
    // no site object has such a key, so they are missing keys here.
    const dotSegment = key.split('/').some(segment => segment === '.' || segment === '..');
    if (!s3Method || key === '' || dotSegment) return Promise.resolve(accessDenied(key));
    return new Promise((resolve, reject) => {
      const upstream = httpRequest({ host: '127.0.0.1', port: s3Port, method: s3Method, path, headers: forwarded }, res => {
        if (res.statusCode === 404) {
          res.resume();
          resolve(accessDenied(key));
          return;
        }
        const out = { ...res.headers };
        delete out.connection;
        delete out['keep-alive'];
        resolve({ status: res.statusCode, headers: out, body: res });
      });
      upstream.on('error', err => reject(new Error(`the site bucket is unreachable (s3rver on port ${s3Port}: ${err.message})`)));
      upstream.end();
    });
  };
}

function accessDenied(key) {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><Key>${escapeXml(key)}</Key></Error>`;
  return { status: 403, headers: { 'content-type': 'application/xml', 'content-length': String(Buffer.byteLength(xml)) }, body: Readable.from([Buffer.from(xml)]) };
}

function escapeXml(s) {
  return s.replace(/[<>&'"]/g, c => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]);
}
