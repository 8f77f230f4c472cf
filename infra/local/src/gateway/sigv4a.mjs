// SigV4A (AWS4-ECDSA-P256-SHA256), as the CloudFront KeyValueStore data plane requires: the canonical request,
// string to sign and private key come from @aws-sdk/signature-v4a itself (by re-signing the received request's
// signed headers at its own date), the public key from that private key, and the client's DER signature is
// checked with node's ECDSA. Whoever knows the secret derives the same key pair, so no key is ever exchanged.
import { createECDH, createPublicKey, verify as verifySignature } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { SignatureV4a } from '@aws-sdk/signature-v4a';

export const ALGORITHM_V4A = 'AWS4-ECDSA-P256-SHA256';
const sha256 = Hash.bind(null, 'sha256');

/** The library's signer, stopped just before its ECDSA step: what it would sign and with which key. */
class SigningInputs extends SignatureV4a {
  async getSignature(privateKey, stringToSign) {
    this.inputs = { privateKey: Uint8Array.from(privateKey), stringToSign };
    return '';
  }
}

async function signingInputs(request, { accessKeyId, secretAccessKey, sessionToken }, { service, regionSet, signingDate, signableHeaders }) {
  const signer = new SigningInputs({ credentials: { accessKeyId, secretAccessKey, sessionToken }, region: regionSet, service, sha256, uriEscapePath: true, applyChecksum: false });
  await signer.sign(request, { signingDate, signingRegion: regionSet, signableHeaders });
  return signer.inputs;
}

const base64Url = bytes => Buffer.from(bytes).toString('base64url');

/** The key pair SigV4A derives from an access key pair: { privateKey (32 bytes), publicKey (KeyObject), publicKeyHex (SEC1 uncompressed) }. */
export async function deriveKeyPair(accessKeyId, secretAccessKey) {
  const probe = { method: 'GET', protocol: 'https:', hostname: 'derive.invalid', path: '/', query: {}, headers: { host: 'derive.invalid' } };
  const { privateKey } = await signingInputs(probe, { accessKeyId, secretAccessKey }, { service: 'derive', regionSet: '*', signingDate: new Date(0) });
  return { privateKey, ...publicKeyOf(privateKey) };
}

/** Reads `AWS4-ECDSA-P256-SHA256 Credential=<key>/<date>/<service>/aws4_request, SignedHeaders=…, Signature=<DER hex>`; undefined for another algorithm. */
export function parseSigV4aHeader(header) {
  if (!header?.startsWith(`${ALGORITHM_V4A} `)) return undefined;
  const fields = {};
  for (const part of header.slice(ALGORITHM_V4A.length + 1).split(',')) {
    const [k, ...v] = part.trim().split('=');
    fields[k] = v.join('=');
  }
  return fields;
}

/**
 * Verifies a SigV4A request as received.
 * @param {{ method: string, rawPath: string, query: object, headers: object, body: Buffer }} request
 * @param {{ accessKeyId: string, service: string, regionSet: string, longDate: string, signedAt: Date, signedHeaders: string[], signature: string }} auth
 * @returns {Promise<{ ok: boolean, stringToSign: string }>}
 */
export async function verifySigV4a(request, auth, { secretAccessKey, sessionToken }) {
  const headers = {};
  for (const name of auth.signedHeaders) headers[name] = String(request.headers[name] ?? '');
  const signable = { method: request.method, protocol: 'https:', hostname: headers.host ?? '', path: request.rawPath, query: { ...request.query }, headers, body: request.body };
  const { privateKey, stringToSign } = await signingInputs(signable, { accessKeyId: auth.accessKeyId, secretAccessKey, sessionToken: auth.signedHeaders.includes('x-amz-security-token') ? sessionToken : undefined },
    { service: auth.service, regionSet: auth.regionSet, signingDate: auth.signedAt, signableHeaders: new Set(auth.signedHeaders) });
  const { publicKey } = publicKeyOf(privateKey);
  let ok = false;
  try {
    ok = verifySignature('sha256', Buffer.from(stringToSign), { key: publicKey, dsaEncoding: 'der' }, Buffer.from(auth.signature, 'hex'));
  } catch {
    ok = false; // not a DER signature at all
  }
  return { ok, stringToSign };
}

/** P-256's public point d·G for the private scalar d, as a KeyObject and as SEC1 uncompressed hex. */
function publicKeyOf(privateKey) {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(Buffer.from(privateKey));
  const point = ecdh.getPublicKey();
  return { publicKey: createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: base64Url(point.subarray(1, 33)), y: base64Url(point.subarray(33)) }, format: 'jwk' }), publicKeyHex: point.toString('hex') };
}
