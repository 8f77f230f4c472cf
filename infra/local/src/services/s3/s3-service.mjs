// S3 through the gateway: the bucket's region, then IAM (identity, bucket and key policies as
// infra/ renders them), then the request goes path-style to s3rver, unsigned (its own checks would
// know nothing of our identities). SSE headers, which s3rver does not keep, are kept in a sidecar
// and put back on responses.
import { request as httpRequest } from 'node:http';
import { isIP } from 'node:net';
import { awsError } from '../../gateway/errors.mjs';
import { safeDecode } from '../../gateway/request.mjs';
import { verifyChecksums } from '../../gateway/checksums.mjs';
import { stableUuid } from '../../topology.mjs';
import { el, parseXml } from '../../xml.mjs';
import { sendXml } from '../respond.mjs';
import { authorizeS3 } from './s3-authorization.mjs';
import { classify } from './operations.mjs';
import { sseFromHeaders } from './sse-sidecar.mjs';
import { multipartEtag, storeEtag } from './multipart-etag.mjs';
import { createConditionalWrites } from './conditional-writes.mjs';

const S3_NS = { xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/' };
const DROPPED_HEADERS = new Set(['authorization', 'x-amz-security-token', 'x-amz-date', 'x-amz-content-sha256', 'x-amz-decoded-content-length',
  'x-amz-trailer', 'transfer-encoding', 'expect', 'connection', 'keep-alive', 'host', 'content-length']);
const PRESIGN_QUERY = /^X-Amz-(Algorithm|Credential|Date|Expires|SignedHeaders|Signature|Security-Token)$/;

/** Bucket and key of a path-style request, or of a virtual-hosted one (bucket.localhost:port). */
export function locate(request, topology) {
  const hostname = (request.headers.host ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  let vhostBucket;
  if (hostname && !isIP(hostname) && hostname !== 'localhost') {
    vhostBucket = topology.buckets.find(b => hostname.startsWith(`${b.name}.`))?.name
      ?? (hostname.endsWith('.localhost') ? hostname.slice(0, -'.localhost'.length) : undefined);
  }
  if (vhostBucket) {
    const rawKey = request.rawPath.replace(/^\//, '');
    return { bucket: vhostBucket, key: rawKey ? safeDecode(rawKey) : '', forwardPath: `/${encodeURIComponent(vhostBucket)}${request.rawPath === '/' ? '' : request.rawPath}` };
  }
  const [, rawBucket = '', rawKey = ''] = /^\/([^/]*)\/?(.*)$/.exec(request.rawPath) ?? [];
  return { bucket: safeDecode(rawBucket), key: rawKey ? safeDecode(rawKey) : '', forwardPath: request.rawPath };
}

export function createS3Service({ topology, authorizer, s3Port, s3Directory, sidecar }) {
  // SSE-KMS without a key id: the bucket's default key, else the account's AWS-managed aws/s3 key.
  const defaultKmsKey = (bucket, region, account) => authorizer.policies.bucket(bucket)?.encryption?.kmsKeyArn
    ?? `arn:aws:kms:${region}:${account}:key/${stableUuid(`aws/s3/${account}/${region}`)}`;
  const conditional = createConditionalWrites({ headObject: (bucket, key) => headObject(bucket, key, s3Port) });

  return {
    async handle({ request, res, principal, region, auth }) {
      const { bucket, key, forwardPath } = locate(request, topology);
      const operation = classify({ method: request.method, bucket, key, query: request.query, headers: request.headers });
      const info = bucket ? topology.bucket(bucket) : undefined;

      if (operation.name === 'GetBucketLocation' && info) {
        // GetBucketLocation answers from any region: it is how clients find the right one.
        await authorizeS3({ authorizer, principal, operation, bucket, key, request, region });
        sendXml(res, 200, el('LocationConstraint', info.region === 'us-east-1' ? '' : info.region, S3_NS));
        return;
      }
      if (info && region !== info.region) {
        throw auth.presigned
          ? awsError(400, 'AuthorizationQueryParametersError', `Error parsing the X-Amz-Credential parameter; the region '${region}' is wrong; expecting '${info.region}'`, { fields: { Region: info.region }, headers: { 'x-amz-bucket-region': info.region } })
          : awsError(400, 'AuthorizationHeaderMalformed', `The authorization header is malformed; the region '${region}' is wrong; expecting '${info.region}'`, { fields: { Region: info.region }, headers: { 'x-amz-bucket-region': info.region } });
      }
      const storedSse = operation.name === 'GetObject' ? sidecar.get(bucket, key)
        : ['UploadPart', 'UploadPartCopy'].includes(operation.name) ? sidecar.peekUpload(request.query.uploadId) : undefined;
      await authorizeS3({ authorizer, principal, operation, bucket, key, request, region, storedSse });

      if (['PutObject', 'UploadPart'].includes(operation.name)) {
        const claimed = { ...Object.fromEntries(Object.entries(request.headers).filter(([n]) => n.startsWith('x-amz-checksum-'))), ...request.trailers };
        verifyChecksums(request.body, claimed);
      }

      const upstream = await conditional.write(operation.name, bucket, key, request.headers, () => forward(request, forwardPath, s3Port));
      const ok = upstream.status >= 200 && upstream.status < 300;
      const headers = { ...upstream.headers };
      delete headers.connection;
      delete headers['transfer-encoding'];
      if (info) headers['x-amz-bucket-region'] = info.region;
      let body = upstream.body;

      // What S3 encrypts a new object with: the request's SSE headers, else the bucket's default encryption.
      const requestSse = () => sseFromHeaders(request.headers, defaultKmsKey(bucket, info?.region ?? region, info?.account ?? principal.account))
        ?? bucketDefaultSse(authorizer.policies.bucket(bucket));
      switch (operation.name) {
        case 'GetObject':
        case 'HeadObject':
          if (ok || upstream.status === 304) Object.assign(headers, sidecar.get(bucket, key) ?? { 'x-amz-server-side-encryption': 'AES256' });
          break;
        case 'PutObject':
        case 'CopyObject':
          if (ok) {
            sidecar.set(bucket, key, requestSse());
            Object.assign(headers, requestSse() ?? { 'x-amz-server-side-encryption': 'AES256' });
          }
          break;
        case 'CreateMultipartUpload':
          if (ok) {
            const uploadId = parseXml(body.toString('utf8'))?.InitiateMultipartUploadResult?.UploadId;
            if (uploadId) sidecar.beginUpload(uploadId, requestSse());
            Object.assign(headers, requestSse() ?? {});
          }
          break;
        case 'UploadPart':
          if (ok) Object.assign(headers, sidecar.peekUpload(request.query.uploadId) ?? {});
          break;
        case 'CompleteMultipartUpload':
          if (ok && !body.toString('utf8').includes('<Error>')) {
            const etag = multipartEtag(request.body.toString('utf8'));
            if (etag && storeEtag(s3Directory, bucket, key, etag)) {
              body = Buffer.from(body.toString('utf8').replace(/(<ETag>(?:&quot;|")?)[0-9a-f]{32}((?:&quot;|")?<\/ETag>)/, `$1${etag}$2`));
            }
            const sse = sidecar.endUpload(request.query.uploadId);
            sidecar.set(bucket, key, sse);
            Object.assign(headers, sse ?? {});
          }
          break;
        case 'DeleteObject':
          if (ok) sidecar.delete(bucket, key);
          break;
        case 'DeleteObjects':
          if (ok) {
            const deleted = parseXml(body.toString('utf8'))?.DeleteResult?.Deleted ?? [];
            for (const d of [].concat(deleted)) if (d?.Key !== undefined) sidecar.delete(bucket, String(d.Key));
          }
          break;
        default:
      }
      if (request.method === 'HEAD') body = Buffer.alloc(0);
      else headers['content-length'] = String(body.length);
      res.writeHead(upstream.status, headers);
      res.end(body);
    },
  };
}

/** The SSE headers of an object written without any, under the bucket's default encryption (infra/). */
function bucketDefaultSse(bucket) {
  const encryption = bucket?.encryption;
  if (encryption?.algorithm !== 'aws:kms') return undefined;
  return { 'x-amz-server-side-encryption': 'aws:kms', 'x-amz-server-side-encryption-aws-kms-key-id': encryption.kmsKeyArn };
}

/** What s3rver holds under a key, asked directly (its status and headers). */
function headObject(bucket, key, port) {
  return new Promise((resolve, reject) => {
    const path = `/${encodeURIComponent(bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`;
    const req = httpRequest({ host: '127.0.0.1', port, method: 'HEAD', path, headers: { 'x-amz-local-cloud': 'gateway' } }, res => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers }));
    });
    req.on('error', err => reject(new Error(`s3rver on port ${port} did not answer: ${err.message}`)));
    req.end();
  });
}

function forward(request, forwardPath, port) {
  const headers = {};
  for (const [name, value] of Object.entries(request.headers)) {
    // Conditions are the gateway's to check (conditional-writes.mjs); s3rver would answer a conditional GET's 304 to a PUT.
    if (!DROPPED_HEADERS.has(name) && !(request.method !== 'GET' && request.method !== 'HEAD' && (name === 'if-match' || name === 'if-none-match'))) headers[name] = value;
  }
  if (request.wasChunked && headers['content-encoding']) {
    const rest = headers['content-encoding'].split(',').map(s => s.trim()).filter(s => s && s !== 'aws-chunked');
    if (rest.length) headers['content-encoding'] = rest.join(',');
    else delete headers['content-encoding'];
  }
  // Any x-amz-* header makes s3rver answer as the S3 API, never as the website endpoint.
  headers['x-amz-local-cloud'] = 'gateway';
  headers['content-length'] = String(request.body.length);
  const query = request.rawQuery.split('&').filter(p => p && !PRESIGN_QUERY.test(decodeURIComponent(p.split('=')[0]))).join('&');
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: request.method, path: forwardPath + (query ? `?${query}` : ''), headers }, res => {
      const chunks = [];
      res.on('data', c => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', err => reject(new Error(`s3rver on port ${port} did not answer: ${err.message}`)));
    req.end(request.body);
  });
}
