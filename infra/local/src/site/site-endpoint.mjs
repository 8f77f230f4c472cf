// The site as visitors meet it: CloudFront as infra/modules/static-site configures it (see
// edge-configuration.mjs), in front of the site bucket read the S3 REST way (s3-origin.mjs) and the
// contact API of infra/modules/contact-api (http-api.mjs).
//
// For each request, as CloudFront does it: pick the cache behaviour by path pattern; answer 403
// to methods it does not allow; run its viewer-request function (a response it returns goes
// straight back); apply default_root_object; ask the origin; replace an error the distribution
// has a custom_error_response for with that page and status; add the behaviour's response headers
// policy to whatever goes back. Not modelled: caching (every request reaches the origin), so
// error_caching_min_ttl and cache policies have no local effect; compression; TLS.
import { createServer } from 'node:http';
import { Readable } from 'node:stream';
import { edgeConfiguration } from './edge-configuration.mjs';
import { createHttpApi } from './http-api.mjs';
import { applyHeadersPolicy } from './response-headers-policy.mjs';
import { createS3Origin } from './s3-origin.mjs';
import { FunctionExecutionError } from './cloudfront-function.mjs';

/**
 * The edge as a request handler, for tests and for the server below.
 * @param {{ edge: ReturnType<typeof edgeConfiguration>, readOrigin: Function, api: Function|null, log: (line: string) => void }} options
 */
export function createEdgeHandler({ edge, readOrigin, api, log }) {
  const behaviourFor = path => edge.behaviours.find(b => b.match(path));

  async function fromOrigin(behaviour, { method, uri, query, headers, bodyStream, sourceIp }) {
    if (behaviour.origin.kind === 's3') {
      bodyStream?.resume();
      return readOrigin({ bucket: behaviour.origin.bucket, key: decodeKey(uri.slice(1)), method, headers });
    }
    const response = await api({ method, path: uri, query, headers, bodyStream: bodyStream ?? Readable.from([]), sourceIp });
    return { ...response, body: Readable.from([response.body]) };
  }

  /** custom_error_response: the page from the origin of its own behaviour (no function runs), with response_code. */
  async function errorPage(errorResponse, original) {
    const pagePath = errorResponse.responsePagePath;
    const page = await fromOrigin(behaviourFor(pagePath), { method: 'GET', uri: pagePath, query: '', headers: {} });
    if (page.status < 200 || page.status > 299) return page; // no page: CloudFront sends what it got when fetching it
    original.body.resume?.();
    const headers = {};
    for (const name of ['content-type', 'content-length', 'etag', 'last-modified', 'cache-control']) if (page.headers[name]) headers[name] = page.headers[name];
    return { status: Number(errorResponse.responseCode ?? original.status), headers, body: page.body };
  }

  return async function handle(req, res) {
    const [rawUri, query = ''] = (req.url ?? '/').split(/\?(.*)/s);
    const uri = withoutDotSegments(rawUri);
    const behaviour = behaviourFor(uri);
    const send = ({ status, headers, body }) => {
      const out = applyHeadersPolicy(behaviour.headersPolicy, headers);
      res.writeHead(status, out);
      if (req.method === 'HEAD' || !body) {
        body?.resume?.();
        res.end();
      } else if (Buffer.isBuffer(body)) res.end(body);
      else body.pipe(res);
    };

    if (!behaviour.allowedMethods.includes(req.method)) {
      req.resume();
      return send(cloudFrontError(403, 'This distribution is not configured to allow the HTTP request method that was used for this request. The distribution supports only cachable requests.'));
    }
    let request = { method: req.method, uri, query, headers: { ...req.headers } };
    if (behaviour.viewerRequest) {
      let outcome;
      try {
        outcome = await behaviour.viewerRequest.run(request, {
          distributionId: edge.distributionId,
          distributionDomainName: edge.domainName,
          viewerIp: req.socket.remoteAddress ?? '127.0.0.1',
        });
      } catch (err) {
        if (!(err instanceof FunctionExecutionError)) throw err;
        log(`site: ${err.message}`);
        req.resume();
        return send(cloudFrontError(503, 'The CloudFront function associated with the CloudFront distribution is invalid or could not run.'));
      }
      if (outcome.response) {
        req.resume();
        return send(outcome.response);
      }
      request = outcome.request;
    }
    if (request.uri === '/' && edge.defaultRootObject) request = { ...request, uri: `/${edge.defaultRootObject}` };

    let response = await fromOrigin(behaviour, { ...request, bodyStream: req, sourceIp: req.socket.remoteAddress ?? '127.0.0.1' });
    const errorResponse = edge.errorResponses.get(response.status);
    if (errorResponse?.responsePagePath) response = await errorPage(errorResponse, response);
    else if (errorResponse?.responseCode) response = { ...response, status: Number(errorResponse.responseCode) };
    send(response);
  };
}

/**
 * The site endpoint's HTTP server, configured from the rendered model (see edge-configuration.mjs);
 * a configuration error is thrown here, so the local cloud fails at startup with that one line.
 */
export function createSiteEndpoint({ model, s3Port, functions, runtime, authorizer, keyValueStores, log }) {
  const edge = edgeConfiguration({ model, keyValueStores, log });
  const apiOrigin = edge.behaviours.map(b => b.origin).find(o => o.kind === 'http-api');
  const s3 = edge.behaviours.map(b => b.origin).find(o => o.kind === 's3');
  const api = apiOrigin ? createHttpApi({ spec: apiOrigin.api, functions, runtime, authorizer, log }) : null;
  const readOrigin = createS3Origin({ s3Port, authorizer, distributionArn: s3?.distributionArn, account: s3?.account });
  const handle = createEdgeHandler({ edge, readOrigin, api, log });

  const server = createServer((req, res) => {
    const started = Date.now();
    res.on('finish', () => log(`site ${req.method} ${req.url} → ${res.statusCode} ${Date.now() - started}ms`));
    handle(req, res).catch(err => {
      log(`site: ${err.stack}`);
      if (!res.headersSent) {
        const body = JSON.stringify({ message: err.message });
        res.writeHead(502, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      } else res.destroy(err);
    });
  });
  server.edge = edge;
  return server;
}

function cloudFrontError(status, reason) {
  const title = status === 403 ? '403 ERROR' : `${status} ERROR`;
  const html = `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">\n<HTML><HEAD><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=iso-8859-1">\n<TITLE>ERROR: The request could not be satisfied</TITLE>\n</HEAD><BODY>\n<H1>${title}</H1>\n<H2>The request could not be satisfied.</H2>\n<HR noshade size="1px">\n${reason}\n</BODY></HTML>\n`;
  return { status, headers: { 'content-type': 'text/html', 'content-length': String(Buffer.byteLength(html)), 'x-cache': 'Error from cloudfront' }, body: Buffer.from(html) };
}

/** CloudFront resolves "." and ".." path segments before it matches behaviours (RFC 3986, 5.2.4). */
function withoutDotSegments(path) {
  const out = [];
  const segments = path.split('/');
  segments.forEach((segment, i) => {
    if (segment === '..') {
      if (out.length > 1) out.pop();
    } else if (segment !== '.') out.push(segment);
    if ((segment === '.' || segment === '..') && i === segments.length - 1) out.push('');
  });
  return out.join('/') || '/';
}

/** The S3 key a request path names: CloudFront forwards the path as sent, S3 decodes it. */
function decodeKey(path) {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
