// aws-chunked bodies (what SDKs stream for S3 uploads): decode them, check every chunk signature
// and the trailer signature against the seed signature, so the object stored is exactly what the
// client meant, not the chunk framing (the failure simple S3 servers show).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { awsError } from './errors.mjs';
import { EMPTY_SHA256, sha256Hex } from './sigv4.mjs';

export const STREAMING_SIGNED = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD';
export const STREAMING_SIGNED_TRAILER = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER';
export const STREAMING_UNSIGNED_TRAILER = 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';

export const isStreamingPayload = hash => typeof hash === 'string' && hash.startsWith('STREAMING-');

const hmacHex = (key, data) => createHmac('sha256', key).update(data).digest('hex');
const sameHex = (a, b) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * @param {Buffer} body the raw request body
 * @param {{ mode: string, seedSignature: string, longDate: string, scope: string, signingKey: Uint8Array }} ctx
 * @returns {{ body: Buffer, trailers: Record<string,string> }}
 */
export function decodeAwsChunked(body, { mode, seedSignature, longDate, scope, signingKey }) {
  const signed = mode === STREAMING_SIGNED || mode === STREAMING_SIGNED_TRAILER;
  if (!signed && mode !== STREAMING_UNSIGNED_TRAILER) {
    throw awsError(400, 'InvalidArgument', `x-amz-content-sha256 ${mode} is not supported: use a SHA-256 hex digest, UNSIGNED-PAYLOAD or ${STREAMING_SIGNED}`);
  }
  const parts = [];
  let previous = seedSignature;
  let pos = 0;
  const line = () => {
    const end = body.indexOf('\r\n', pos);
    if (end < 0) throw incomplete();
    const text = body.subarray(pos, end).toString('latin1');
    pos = end + 2;
    return text;
  };
  for (;;) {
    const header = line();
    const [sizeHex, ...extensions] = header.split(';');
    const size = parseInt(sizeHex, 16);
    if (!Number.isFinite(size) || size < 0) throw incomplete();
    if (pos + size > body.length) throw incomplete();
    const data = body.subarray(pos, pos + size);
    pos += size;
    if (signed) {
      const given = extensions.find(e => e.startsWith('chunk-signature='))?.slice('chunk-signature='.length) ?? '';
      const expected = hmacHex(signingKey, ['AWS4-HMAC-SHA256-PAYLOAD', longDate, scope, previous, EMPTY_SHA256, sha256Hex(data)].join('\n'));
      if (!sameHex(expected, given)) {
        throw awsError(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided (chunk signature of an aws-chunked body). Check your key and signing method.');
      }
      previous = given;
    }
    if (size === 0) break;
    parts.push(data);
    if (body.subarray(pos, pos + 2).toString('latin1') !== '\r\n') throw incomplete();
    pos += 2;
  }
  // Trailers: "name:value" lines, then an empty line (or the end of the body).
  const trailers = {};
  let trailerSignature;
  const trailerLines = [];
  while (pos < body.length) {
    const text = line();
    if (text === '') break;
    const colon = text.indexOf(':');
    const name = text.slice(0, colon).trim().toLowerCase();
    const value = text.slice(colon + 1).trim();
    if (name === 'x-amz-trailer-signature') trailerSignature = value;
    else {
      trailers[name] = value;
      trailerLines.push(`${name}:${value}\n`);
    }
  }
  if (mode === STREAMING_SIGNED_TRAILER && trailerLines.length) {
    const expected = hmacHex(signingKey, ['AWS4-HMAC-SHA256-TRAILER', longDate, scope, previous, sha256Hex(trailerLines.join(''))].join('\n'));
    if (!sameHex(expected, trailerSignature ?? '')) {
      throw awsError(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided (trailer signature of an aws-chunked body). Check your key and signing method.');
    }
  }
  return { body: Buffer.concat(parts), trailers };
}

const incomplete = () => awsError(400, 'IncompleteBody', 'The aws-chunked request body is truncated or malformed.');
