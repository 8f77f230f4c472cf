// The one API endpoint: every request is SigV4-verified, then routed by its credential scope's
// service and region, as LocalStack does and as AWS's regional endpoints would.
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { AwsError, awsError, protocolOf, sendAwsError } from './errors.mjs';
import { incomingRequest } from './request.mjs';
import { Authenticator } from './authentication.mjs';
import { kindOf } from '../request-counts.mjs';

/** For an unsigned request there is no credential scope: tell the service from the request's shape. */
function guessService(request) {
  const target = request.headers['x-amz-target'] ?? '';
  if (target.startsWith('TrentService.')) return 'kms';
  if (request.rawPath.startsWith('/2015-03-31/')) return 'lambda';
  if (request.rawPath.startsWith('/2020-05-31/')) return 'cloudfront';
  if (request.rawPath.startsWith('/key-value-stores/')) return 'cloudfront-keyvaluestore';
  if (request.rawPath.startsWith('/v2/email')) return 'ses';
  if (/(^|&)Action=/.test(request.rawQuery) || request.body.toString('latin1').startsWith('Action=')) return 'sts';
  return 's3';
}

/** @param {{ counts?: import('../request-counts.mjs').RequestCounts }} options counts: successful requests by service, read or write */
export function createGateway({ identities, clock, services, log, counts }) {
  const authenticator = new Authenticator({ identities, clock });

  async function handle(req, res) {
    const started = Date.now();
    let service = 's3';
    let protocol = 's3';
    let summary = '-';
    let request;
    try {
      request = await incomingRequest(req);
      service = guessService(request);
      const auth = authenticator.parse(request);
      if (auth) service = auth.service;
      protocol = protocolOf(service, request.rawPath, request.headers['content-type']);
      const handler = services[service];
      if (!handler) {
        throw awsError(400, protocol === 'json' ? 'UnknownOperationException' : 'InvalidAction',
          `The local cloud does not serve the service '${service}' (credential scope region ${auth?.region ?? '?'}); it serves ${Object.keys(services).join(', ')}.`);
      }
      const principal = await authenticator.authenticate(request, auth, protocol);
      summary = `${principal.kind} ${auth.region}`;
      if (request.wasChunked) summary += ' aws-chunked';
      await handler.handle({ request, res, principal, region: auth.region, auth, requestId: randomUUID() });
    } catch (err) {
      const awsErr = err instanceof AwsError ? err : awsError(500, 'InternalFailure', `local cloud failure: ${err.message}`);
      if (!(err instanceof AwsError)) log(`gateway: ${err.stack}`);
      if (!res.headersSent) sendAwsError(res, awsErr, { service, protocol, method: req.method });
      else res.destroy();
      summary += ` ${awsErr.code}`;
    } finally {
      if (res.statusCode < 300 && request) counts?.record(service, kindOf(request.method));
      log(`api ${req.method} ${request?.rawPath ?? req.url} ${service} ${summary} → ${res.statusCode} ${Date.now() - started}ms`);
    }
  }

  return createServer((req, res) => {
    handle(req, res).catch(err => {
      log(`gateway: ${err.stack}`);
      res.destroy();
    });
  });
}
