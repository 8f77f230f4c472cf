// Who sent a request, proven by SigV4: the checks and their AWS-shaped refusals, per protocol.
import { awsError } from './errors.mjs';
import { decodeAwsChunked, isStreamingPayload } from './aws-chunked.mjs';
import { checkTime, parseAuthorization, sha256Hex, SignatureVerifier, dateOf } from './sigv4.mjs';
import { ALGORITHM_V4A, verifySigV4a } from './sigv4a.mjs';

const SIGNATURE_MESSAGE = 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const TOKEN_INVALID = 'The security token included in the request is invalid.';
const TOKEN_EXPIRED = 'The security token included in the request is expired';

/** Error codes differ by protocol family: S3, JSON (kms, lambda, sesv2) and XML query (sts, cloudfront, ses v1). */
const refusals = {
  unknownKey: p => p === 's3' ? awsError(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.')
    : isJson(p) ? awsError(403, 'UnrecognizedClientException', TOKEN_INVALID) : awsError(403, 'InvalidClientTokenId', TOKEN_INVALID),
  badToken: p => p === 's3' ? awsError(400, 'InvalidToken', 'The provided token is malformed or otherwise invalid.') : refusals.unknownKey(p),
  expired: p => p === 's3' ? awsError(400, 'ExpiredToken', 'The provided token has expired.')
    : isJson(p) ? awsError(403, 'ExpiredTokenException', TOKEN_EXPIRED) : awsError(403, 'ExpiredToken', TOKEN_EXPIRED),
  signature: (p, detail) => p === 's3'
    ? awsError(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.', { fields: detail })
    : awsError(403, isJson(p) ? 'InvalidSignatureException' : 'SignatureDoesNotMatch', SIGNATURE_MESSAGE),
  skewed: (p, auth, now) => p === 's3'
    ? awsError(403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', { fields: { RequestTime: auth.longDate, ServerTime: new Date(now).toISOString() } })
    : awsError(403, isJson(p) ? 'InvalidSignatureException' : 'SignatureDoesNotMatch', `Signature expired: ${auth.longDate} is now earlier than ${new Date(now - 15 * 60 * 1000).toISOString().replace(/[-:]|\.\d{3}/g, '')} (${new Date(now).toISOString().replace(/[-:]|\.\d{3}/g, '')} - 15 min.)`),
  presignExpired: () => awsError(403, 'AccessDenied', 'Request has expired'),
  anonymous: p => p === 's3' ? awsError(403, 'AccessDenied', 'Access Denied')
    : isJson(p) ? awsError(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token') : awsError(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token'),
  payloadHash: p => p === 's3'
    ? awsError(400, 'XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.")
    : awsError(400, isJson(p) ? 'InvalidSignatureException' : 'SignatureDoesNotMatch', 'The x-amz-content-sha256 header does not match the request body.'),
};
const isJson = p => p === 'json' || p === 'rest-json';

export class Authenticator {
  #identities;
  #clock;
  #verifier = new SignatureVerifier();

  constructor({ identities, clock }) {
    this.#identities = identities;
    this.#clock = clock;
  }

  parse(request) {
    return parseAuthorization(request);
  }

  /**
   * Verifies a parsed request; on success returns the principal and replaces an aws-chunked body
   * by the decoded bytes (request.trailers holds its trailing headers).
   */
  async authenticate(request, auth, protocol) {
    if (!auth) throw refusals.anonymous(protocol);
    const credential = this.#identities.lookup(auth.accessKeyId);
    if (!credential) throw refusals.unknownKey(protocol);
    if (credential.sessionToken !== auth.sessionToken) throw refusals.badToken(protocol);
    if (credential.expired) throw refusals.expired(protocol);

    const now = this.#clock.now();
    if (auth.algorithm === ALGORITHM_V4A) return this.#authenticateV4a(request, auth, credential, protocol, now);
    const { ok, canonicalRequest, stringToSign, signingKey, scope } = await this.#verifier.verify(request, auth, credential.secretAccessKey);
    if (!ok) {
      throw refusals.signature(protocol, { AWSAccessKeyId: auth.accessKeyId, StringToSign: stringToSign, SignatureProvided: auth.signature, CanonicalRequest: canonicalRequest });
    }
    const time = checkTime(auth, now);
    if (!time.ok) throw time.reason === 'expired' ? refusals.presignExpired() : refusals.skewed(protocol, auth, now);

    const declared = auth.signedHeaders.includes('x-amz-content-sha256') ? request.headers['x-amz-content-sha256'] : undefined;
    if (declared && /^[0-9a-f]{64}$/.test(declared) && sha256Hex(request.body) !== declared) throw refusals.payloadHash(protocol);
    request.trailers = {};
    if (isStreamingPayload(declared)) {
      const decoded = decodeAwsChunked(request.body, { mode: declared, seedSignature: auth.signature, longDate: auth.longDate, scope, signingKey });
      const expectedLength = request.headers['x-amz-decoded-content-length'];
      if (expectedLength !== undefined && Number(expectedLength) !== decoded.body.length) {
        throw awsError(400, 'IncompleteBody', `The aws-chunked body decodes to ${decoded.body.length} bytes, not the ${expectedLength} that x-amz-decoded-content-length announced.`);
      }
      request.body = decoded.body;
      request.trailers = decoded.trailers;
      request.wasChunked = true;
    }
    request.signedAt = dateOf(auth.longDate);
    return credential.principal;
  }

  /** SigV4A: the public key derived from the caller's secret must verify the ECDSA signature; no chunked bodies. */
  async #authenticateV4a(request, auth, credential, protocol, now) {
    const signedAt = dateOf(auth.longDate);
    const { ok } = await verifySigV4a(request, { ...auth, signedAt }, credential);
    if (!ok || !auth.longDate.startsWith(auth.shortDate)) throw refusals.signature(protocol);
    const time = checkTime(auth, now);
    if (!time.ok) throw refusals.skewed(protocol, auth, now);
    const declared = auth.signedHeaders.includes('x-amz-content-sha256') ? request.headers['x-amz-content-sha256'] : undefined;
    if (declared && sha256Hex(request.body) !== declared) throw refusals.payloadHash(protocol);
    request.trailers = {};
    request.signedAt = signedAt;
    return credential.principal;
  }
}
