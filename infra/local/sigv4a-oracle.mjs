#!/usr/bin/env node
// @aws-sdk/signature-v4a as an oracle for the build's own SigV4A signer (build/AwsAccess/Signing), used by its tests:
// one JSON request on stdin, one JSON answer on stdout.
//   { "op": "derive", "accessKeyId", "secretAccessKey" }                       → { privateKey, publicKey } (hex)
//   { "op": "sign", "request", "credentials", "service", "regionSet", "date" } → { headers } the library adds
//   { "op": "verify", "request", "secretAccessKey", "sessionToken"? }           → { ok, stringToSign }
// request: { method, url, headers: {name: value}, body: base64 }; headers of a request to verify include Authorization.
import { createHash } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { SignatureV4a } from '@aws-sdk/signature-v4a';
import { dateOf } from './src/gateway/sigv4.mjs';
import { deriveKeyPair, parseSigV4aHeader, verifySigV4a } from './src/gateway/sigv4a.mjs';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));

function lowerCased(headers) {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
}

function parts({ method, url, headers, body }) {
  const u = new URL(url);
  const query = {};
  for (const [k, v] of u.searchParams) query[k] = k in query ? [].concat(query[k], v) : v;
  // pathname keeps the escapes the URL was written with (%3A, %2F in a label), as the wire does.
  return { method, protocol: u.protocol, hostname: u.hostname, port: u.port ? Number(u.port) : undefined, path: u.pathname, query,
    headers: { host: u.host, ...lowerCased(headers) }, body: Buffer.from(body ?? '', 'base64') };
}

async function run() {
  switch (input.op) {
    case 'derive': {
      const { privateKey, publicKeyHex } = await deriveKeyPair(input.accessKeyId, input.secretAccessKey);
      return { privateKey: Buffer.from(privateKey).toString('hex'), publicKey: publicKeyHex };
    }
    case 'sign': {
      const request = parts(input.request);
      const signer = new SignatureV4a({ credentials: input.credentials, region: input.regionSet, service: input.service, sha256: Hash.bind(null, 'sha256') });
      const signed = await signer.sign(request, { signingDate: new Date(input.date), signingRegion: input.regionSet });
      const added = Object.fromEntries(Object.entries(signed.headers).filter(([k]) => !(k.toLowerCase() in request.headers)));
      return { headers: added };
    }
    case 'verify': {
      const request = parts(input.request);
      const fields = parseSigV4aHeader(request.headers.authorization);
      if (!fields) return { ok: false, stringToSign: '', problem: 'no AWS4-ECDSA-P256-SHA256 Authorization header' };
      const [accessKeyId, , service] = fields.Credential.split('/');
      const auth = { accessKeyId, service, regionSet: request.headers['x-amz-region-set'], signedAt: dateOf(request.headers['x-amz-date']),
        signedHeaders: fields.SignedHeaders.split(';'), signature: fields.Signature };
      const { ok, stringToSign } = await verifySigV4a({ method: request.method, rawPath: request.path, query: request.query, headers: request.headers, body: request.body }, auth,
        { secretAccessKey: input.secretAccessKey, sessionToken: input.sessionToken });
      // As AWS does: the signature covers the declared payload hash, and the body must have that hash.
      const declared = request.headers['x-amz-content-sha256'];
      const bodyMatches = !declared || declared === createHash('sha256').update(request.body).digest('hex');
      return { ok: ok && bodyMatches, stringToSign };
    }
    default:
      throw new Error(`unknown op '${input.op}': use derive, sign or verify`);
  }
}

try {
  process.stdout.write(`${JSON.stringify(await run())}\n`);
} catch (err) {
  process.stderr.write(`sigv4a-oracle: ${err.message}\n`);
  process.exitCode = 1;
}
