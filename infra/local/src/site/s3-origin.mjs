// The site bucket as CloudFront reads it through origin access control: the S3 REST API (no
// website index documents, no redirects), as the CloudFront service principal on behalf of the
// distribution (aws:SourceArn), so the bucket policy infra/ renders decides, as in AWS. A missing
// key is 404 only for a caller allowed s3:ListBucket on the bucket; otherwise S3 answers 403.
import { request as httpRequest } from 'node:http';
import { Readable } from 'node:stream';

const FORWARDED = ['range', 'if-none-match', 'if-modified-since', 'if-match', 'if-unmodified-since'];

/**
 * @param {{ s3Port: number, authorizer: object, distributionArn: string, account: string }} options
 * @returns {(req: { bucket: string, key: string, method: string, headers: Record<string, string> }) =>
 *   Promise<{ status: number, headers: Record<string, string|string[]>, body: import('node:stream').Readable }>}
 */
export function createS3Origin({ s3Port, authorizer, distributionArn, account }) {
  const asCloudFront = (action, resource) => authorizer.authorize({
    principal: { service: 'cloudfront.amazonaws.com' }, action, resource, protocol: 's3',
    operation: 'cloudfront GetObject (origin access control)', sourceArn: distributionArn, sourceAccount: account,
  }).then(() => true, () => false);

  return async function readOrigin({ bucket, key, method, headers = {} }) {
    const forwarded = { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }; // any x-amz-* header: s3rver answers as the S3 API
    for (const name of FORWARDED) if (headers[name]) forwarded[name] = headers[name];
    const path = `/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
    const s3Method = method === 'HEAD' ? 'HEAD' : method === 'GET' ? 'GET' : null;
    // "." and ".." are plain key characters to S3, but s3rver would resolve them out of the bucket:
    // no site object has such a key, so they are missing keys here.
    const dotSegment = key.split('/').some(segment => segment === '.' || segment === '..');
    if (!s3Method || key === '' || dotSegment) return accessDenied(key);
    if (!(await asCloudFront('s3:GetObject', `arn:aws:s3:::${bucket}/${key}`))) return accessDenied(key);
    const canList = () => asCloudFront('s3:ListBucket', `arn:aws:s3:::${bucket}`);
    return new Promise((resolve, reject) => {
      const upstream = httpRequest({ host: '127.0.0.1', port: s3Port, method: s3Method, path, headers: forwarded }, res => {
        if (res.statusCode === 404) {
          res.resume();
          canList().then(listable => resolve(listable ? notFound(key) : accessDenied(key)), reject);
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

const accessDenied = key => s3Error(403, 'AccessDenied', 'Access Denied', key);
const notFound = key => s3Error(404, 'NoSuchKey', 'The specified key does not exist.', key);

function s3Error(status, code, message, key) {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><Key>${escapeXml(key)}</Key></Error>`;
  return { status, headers: { 'content-type': 'application/xml', 'content-length': String(Buffer.byteLength(xml)) }, body: Readable.from([Buffer.from(xml)]) };
}

function escapeXml(s) {
  return s.replace(/[<>&'"]/g, c => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]);
}
