// The site as visitors meet it: CloudFront in front of the site bucket's S3 website (index.html
// for folders, 404.html with status 404), with /api/contact routed, as the HTTP API does, to the
// contact-form function's alias.
import { createServer, request as httpRequest } from 'node:http';
import { readBody } from '../gateway/request.mjs';
import { httpApiEvent, httpApiResponse } from './http-api-event.mjs';

const FORWARDED = ['range', 'if-none-match', 'if-modified-since', 'if-match', 'if-unmodified-since'];

export function createSiteEndpoint({ topology, s3Port, functions, runtime, log }) {
  const websiteHost = `${topology.site.bucket}.s3-website-${topology.site.region}.amazonaws.com`;

  function fromBucket(req, res) {
    const headers = { host: websiteHost };
    for (const name of FORWARDED) if (req.headers[name]) headers[name] = req.headers[name];
    const upstream = httpRequest({ host: '127.0.0.1', port: s3Port, method: req.method, path: req.url, headers }, up => {
      const out = { ...up.headers };
      delete out.connection;
      res.writeHead(up.statusCode, out);
      up.pipe(res);
    });
    upstream.on('error', err => json(res, 502, { message: `the site bucket is unreachable (s3rver on port ${s3Port}: ${err.message})` }));
    upstream.end();
  }

  async function contact(req, res, path, rawQuery) {
    const spec = topology.contactForm;
    const fn = spec && functions.find(spec.functionName, spec.region);
    if (!fn) return json(res, 404, { message: 'Not Found' });
    const version = functions.resolveQualifier(fn, spec.alias);
    const snapshot = version && functions.snapshot(fn, version);
    if (!snapshot || snapshot.placeholder) {
      return json(res, 503, { message: `${spec.functionName} has no code deployed yet (alias ${spec.alias} → version ${version ?? 'none'} is the placeholder): run ./build.sh Deploy` });
    }
    const body = await readBody(req, 10 * 1024 * 1024);
    const event = httpApiEvent({ method: req.method, path, rawQuery, headers: req.headers, body, sourceIp: req.socket.remoteAddress ?? '127.0.0.1', accountId: topology.accountId });
    const configuration = functions.configuration(fn, version);
    configuration.FunctionArn = `${functions.functionArn(spec)}:${spec.alias}`;
    const outcome = await runtime.invoke({ configuration, snapshot, event });
    if (outcome.functionError) {
      log(`site: ${spec.functionName}:${version} failed: ${outcome.payload}`);
      return json(res, 500, { message: 'Internal Server Error' });
    }
    const response = httpApiResponse(outcome.payload);
    res.writeHead(response.status, { ...response.headers, 'content-length': response.body.length, 'apigw-requestid': event.requestContext.requestId });
    res.end(response.body);
  }

  return createServer((req, res) => {
    const started = Date.now();
    const [path, rawQuery = ''] = (req.url ?? '/').split(/\?(.*)/s);
    res.on('finish', () => log(`site ${req.method} ${req.url} → ${res.statusCode} ${Date.now() - started}ms`));
    if (path === '/api' || path.startsWith('/api/')) {
      if (path !== '/api/contact' || !['POST', 'OPTIONS'].includes(req.method)) return json(res, 404, { message: 'Not Found' });
      contact(req, res, path, rawQuery).catch(err => {
        log(`site: ${err.stack}`);
        if (!res.headersSent) json(res, 500, { message: 'Internal Server Error' });
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      // CloudFront with GET/HEAD allowed answers other methods with 403.
      return json(res, 403, { message: `${req.method} is not allowed here` });
    }
    fromBucket(req, res);
  });
}

function json(res, status, value) {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
