// SigV4 verification: recompute the signature a client sent with @smithy/signature-v4's canonical
// request and signing key, from the client's own credential scope and signed header list.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { SignatureV4, getCanonicalHeaders } from '@smithy/signature-v4';
import { awsError } from './errors.mjs';
import { ALGORITHM_V4A, parseSigV4aHeader } from './sigv4a.mjs';

const ALGORITHM = 'AWS4-HMAC-SHA256';
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
export const sha256Hex = data => createHash('sha256').update(data).digest('hex');
const sha256 = Hash.bind(null, 'sha256');
const MAX_SKEW_MS = 15 * 60 * 1000;

/**
 * Reads the SigV4 parameters of a request (Authorization header or presigned query).
 * Returns undefined for an unsigned request. Throws AwsError for a malformed one.
 */
export function parseAuthorization(request) {
  const header = request.headers.authorization;
  const v4a = parseSigV4aHeader(header);
  if (v4a) return fromSigV4aParts(v4a, request);
  if (header) {
    if (!header.startsWith(`${ALGORITHM} `)) {
      throw awsError(400, 'IncompleteSignature', `Unsupported authorization type: only ${ALGORITHM} (SigV4) and ${ALGORITHM_V4A} (SigV4A) are accepted`);
    }
    const fields = {};
    for (const part of header.slice(ALGORITHM.length + 1).split(',')) {
      const [k, ...v] = part.trim().split('=');
      fields[k] = v.join('=');
    }
    return fromParts({ credential: fields.Credential, signedHeaders: fields.SignedHeaders, signature: fields.Signature, longDate: request.headers['x-amz-date'], sessionToken: request.headers['x-amz-security-token'], presigned: false });
  }
  const q = request.query;
  if (q['X-Amz-Algorithm']) {
    if (q['X-Amz-Algorithm'] !== ALGORITHM) throw awsError(400, 'IncompleteSignature', `Unsupported X-Amz-Algorithm: only ${ALGORITHM} is accepted`);
    return fromParts({ credential: q['X-Amz-Credential'], signedHeaders: q['X-Amz-SignedHeaders'], signature: q['X-Amz-Signature'], longDate: q['X-Amz-Date'], sessionToken: q['X-Amz-Security-Token'], presigned: true, expires: Number(q['X-Amz-Expires'] ?? 0) });
  }
  return undefined;
}

function fromParts({ credential, signedHeaders, signature, longDate, sessionToken, presigned, expires }) {
  const scope = (credential ?? '').split('/');
  if (scope.length !== 5 || scope[4] !== 'aws4_request' || !signedHeaders || !/^[0-9a-f]{64}$/.test(signature ?? '')) {
    throw awsError(400, 'IncompleteSignature', `Authorization must contain Credential=<key>/<date>/<region>/<service>/aws4_request, SignedHeaders and Signature (got Credential=${credential ?? ''})`);
  }
  if (!/^\d{8}T\d{6}Z$/.test(longDate ?? '')) {
    throw awsError(400, 'IncompleteSignature', 'Authorization needs an X-Amz-Date of the form YYYYMMDDTHHMMSSZ');
  }
  const [accessKeyId, shortDate, region, service] = scope;
  return { accessKeyId, shortDate, region, service, signedHeaders: signedHeaders.split(';'), signature, longDate, sessionToken, presigned, expires };
}

/** SigV4A: Credential=<key>/<date>/<service>/aws4_request, the region set in its own signed header. */
function fromSigV4aParts(fields, request) {
  const scope = (fields.Credential ?? '').split('/');
  if (scope.length !== 4 || scope[3] !== 'aws4_request' || !fields.SignedHeaders || !/^[0-9a-f]+$/.test(fields.Signature ?? '')) {
    throw awsError(400, 'IncompleteSignature', `Authorization must contain Credential=<key>/<date>/<service>/aws4_request, SignedHeaders and Signature (got Credential=${fields.Credential ?? ''})`);
  }
  const longDate = request.headers['x-amz-date'];
  if (!/^\d{8}T\d{6}Z$/.test(longDate ?? '')) throw awsError(400, 'IncompleteSignature', 'Authorization needs an X-Amz-Date of the form YYYYMMDDTHHMMSSZ');
  const signedHeaders = fields.SignedHeaders.split(';');
  const regionSet = request.headers['x-amz-region-set'];
  if (!regionSet || !signedHeaders.includes('x-amz-region-set')) throw awsError(400, 'IncompleteSignature', `${ALGORITHM_V4A} needs a signed X-Amz-Region-Set header (e.g. *)`);
  const [accessKeyId, shortDate, service] = scope;
  return { algorithm: ALGORITHM_V4A, accessKeyId, shortDate, region: regionSet, regionSet, service, signedHeaders, signature: fields.Signature, longDate, sessionToken: request.headers['x-amz-security-token'], presigned: false };
}

export const dateOf = longDate =>
  new Date(`${longDate.slice(0, 4)}-${longDate.slice(4, 6)}-${longDate.slice(6, 8)}T${longDate.slice(9, 11)}:${longDate.slice(11, 13)}:${longDate.slice(13, 15)}Z`);

/** Whether the request is inside the signature's validity window: { ok, reason }. */
export function checkTime(auth, nowMs) {
  const signedAt = dateOf(auth.longDate).getTime();
  if (auth.presigned) {
    if (nowMs > signedAt + auth.expires * 1000) return { ok: false, reason: 'expired' };
    return { ok: true };
  }
  if (Math.abs(nowMs - signedAt) > MAX_SKEW_MS) return { ok: false, reason: 'skewed' };
  return { ok: true };
}

/** The payload hash the client signed: its x-amz-content-sha256 or the body's own hash. */
export function signedPayloadHash(request, auth) {
  const declared = request.headers['x-amz-content-sha256'];
  if (declared && auth.signedHeaders.includes('x-amz-content-sha256')) return declared;
  if (auth.presigned && auth.service === 's3') return 'UNSIGNED-PAYLOAD';
  return request.body.length ? sha256Hex(request.body) : EMPTY_SHA256;
}

export class SignatureVerifier {
  /**
   * @returns {Promise<{ ok: boolean, canonicalRequest: string, stringToSign: string, signingKey: Uint8Array }>}
   */
  async verify(request, auth, secretAccessKey) {
    const signer = new SignatureV4({
      credentials: { accessKeyId: auth.accessKeyId, secretAccessKey },
      region: auth.region,
      service: auth.service,
      sha256,
      // S3 signs the path as sent; every other service signs it encoded once more.
      uriEscapePath: auth.service !== 's3',
      applyChecksum: false,
    });
    const signed = new Set(auth.signedHeaders);
    const headers = {};
    for (const name of auth.signedHeaders) headers[name] = request.headers[name] ?? '';
    const query = { ...request.query };
    if (auth.presigned) delete query['X-Amz-Signature'];
    const canonicalHeaders = getCanonicalHeaders({ headers }, undefined, signed);
    const canonicalRequest = signer.createCanonicalRequest({ method: request.method, path: request.rawPath, query }, canonicalHeaders, signedPayloadHash(request, auth));
    const scope = `${auth.shortDate}/${auth.region}/${auth.service}/aws4_request`;
    const stringToSign = await signer.createStringToSign(auth.longDate, scope, canonicalRequest, ALGORITHM);
    const signingKey = await signer.getSigningKey({ accessKeyId: auth.accessKeyId, secretAccessKey }, auth.region, auth.shortDate, auth.service);
    const expected = await signer.getSignature(auth.longDate, scope, Promise.resolve(signingKey), canonicalRequest);
    const ok = auth.longDate.startsWith(auth.shortDate) && timingSafeEqual(Buffer.from(expected), Buffer.from(auth.signature));
    return { ok, canonicalRequest, stringToSign, signingKey, scope };
  }
}
