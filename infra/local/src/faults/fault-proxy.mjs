// A fault-injecting proxy between a client and the local cloud's AWS endpoint: for a seeded share
// of requests, per service, it answers as AWS does when things go wrong (500 InternalError, 503
// SlowDown, each service's throttling error), resets the connection before or after the request
// reached the cloud, truncates the response body, or delays it. The decision depends only on the
// seed and the request's position, so a run can be repeated. For crash tests it can also hold the
// k-th request matching a pattern (before or after the cloud saw it) and never answer, telling its
// owner, who then kills the client at exactly that point of its work.
import { createServer, request as httpRequest } from 'node:http';
import { awsError, protocolOf, sendAwsError } from '../gateway/errors.mjs';
import { readBody } from '../gateway/request.mjs';

export const FAULT_KINDS = Object.freeze(['internal-error', 'slow-down', 'throttle', 'reset-before', 'reset-after', 'truncate', 'delay']);

/** mulberry32: a small seeded PRNG, enough to spread faults reproducibly. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The service a signed request is for: the credential scope of its Authorization header or presigned query. SigV4's
 * scope is date/region/service/aws4_request; SigV4A's (the KeyValueStore API) has no region: date/service/aws4_request.
 */
export function serviceOf(headers, url) {
  const authorization = headers.authorization ?? '';
  const credential = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(authorization)?.[1]
    ?? /Credential=[^/]+\/\d{8}\/([^/]+)\/aws4_request/.exec(authorization)?.[1]
    ?? /X-Amz-Credential=[^%&]+(?:%2F|\/)\d{8}(?:%2F|\/)[^%&]+(?:%2F|\/)([^%&]+)/i.exec(url)?.[1];
  return credential ?? 'unknown';
}

/** What each service answers when it throttles. */
function throttling(service, path) {
  switch (service) {
    case 's3': return awsError(503, 'SlowDown', 'Please reduce your request rate.');
    case 'lambda': return awsError(429, 'TooManyRequestsException', 'Rate exceeded', { headers: { 'retry-after': '1' } });
    case 'kms': return awsError(400, 'ThrottlingException', 'Rate exceeded');
    case 'cloudfront': return /\/invalidation$/.test(path)
      ? awsError(400, 'TooManyInvalidationsInProgress', 'Processing your request will cause you to exceed the maximum number of in-progress invalidations.')
      : awsError(400, 'Throttling', 'Rate exceeded');
    default: return awsError(400, 'Throttling', 'Rate exceeded');
  }
}

/**
 * @param {{ target: string, rate: number, seed?: number, services?: string[], kinds?: string[], delayMs?: number,
 *   log?: (line: string) => void, hold?: { match: RegExp, at: number, afterForward?: boolean, onHold: (held: object) => void } }} options
 *   target: the local cloud's api endpoint; rate: share of requests (0–1); hold: the at-th request whose
 *   "service METHOD url" matches is held unanswered (afterForward: once the cloud has answered it) and onHold is called
 * @returns {import('node:http').Server & { stats: { requests: number, faults: Record<string, number> } }}
 */
export function createFaultProxy({ target, rate, seed = 1, services, kinds = FAULT_KINDS, delayMs = 800, log = () => {}, hold }) {
  if (hold && !(Number.isInteger(hold.at) && hold.at >= 1)) throw new Error(`hold at ${hold.at} is not a request number: give a whole number from 1`);
  let matched = 0;
  const unknown = kinds.filter(k => !FAULT_KINDS.includes(k));
  if (unknown.length) throw new Error(`unknown fault kinds ${unknown.join(', ')}: use ${FAULT_KINDS.join(', ')}`);
  if (!(rate >= 0 && rate <= 1)) throw new Error(`fault rate ${rate} is not a share: give a number from 0 to 1`);
  const upstream = new URL(target);
  const random = seededRandom(seed);
  const stats = { requests: 0, faults: Object.fromEntries(kinds.map(k => [k, 0])) };

  const forward = (req, body) => new Promise((resolve, reject) => {
    const out = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, res => {
      const chunks = [];
      res.on('data', c => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    out.on('error', reject);
    out.end(body);
  });

  const server = createServer(async (req, res) => {
    stats.requests += 1;
    // Draw for every request, so the same seed faults the same positions whatever the services.
    const draw = random();
    const pick = random();
    const service = serviceOf(req.headers, req.url ?? '');
    const path = (req.url ?? '/').split('?')[0];
    const fault = draw < rate && (!services || services.includes(service)) ? kinds[Math.floor(pick * kinds.length)] : null;
    try {
      const body = await readBody(req);
      if (hold && hold.match.test(`${service} ${req.method} ${req.url}`) && ++matched === hold.at) {
        if (hold.afterForward) await forward(req, body);
        hold.onHold({ request: stats.requests, service, method: req.method, url: req.url, afterForward: Boolean(hold.afterForward) });
        return; // never answered: the client is killed while it waits
      }
      if (fault) {
        stats.faults[fault] += 1;
        log(`fault ${fault}: ${req.method} ${path} (${service})`);
      }
      const protocol = protocolOf(service, path, req.headers['content-type'] ?? '');
      switch (fault) {
        case 'internal-error':
          return sendAwsError(res, awsError(500, service === 's3' ? 'InternalError' : 'InternalFailure', 'We encountered an internal error. Please try again.'), { service, protocol, method: req.method });
        case 'slow-down':
          return sendAwsError(res, awsError(503, service === 's3' ? 'SlowDown' : 'ServiceUnavailable', 'Please reduce your request rate.'), { service, protocol, method: req.method });
        case 'throttle':
          return sendAwsError(res, throttling(service, path), { service, protocol, method: req.method });
        case 'reset-before':
          return req.socket.destroy();
        default:
      }
      if (fault === 'delay') await new Promise(r => setTimeout(r, delayMs));
      const response = await forward(req, body);
      if (fault === 'reset-after') return req.socket.destroy();
      if (fault === 'truncate' && response.body.length > 1) {
        res.writeHead(response.status, response.headers);
        res.write(response.body.subarray(0, Math.floor(response.body.length / 2)));
        return req.socket.destroy();
      }
      res.writeHead(response.status, response.headers);
      res.end(response.body);
    } catch (err) {
      log(`fault proxy: ${err.message}`);
      if (!res.headersSent) sendAwsError(res, awsError(502, 'BadGateway', `the local cloud at ${target} did not answer: ${err.message}`), { service, protocol: protocolOf(service, path), method: req.method });
      else res.destroy();
    }
  });
  server.stats = stats;
  return server;
}
