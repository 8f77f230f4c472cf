// API Gateway HTTP API (payload format 2.0): the event a function receives and how its result
// becomes the HTTP response.
import { randomUUID } from 'node:crypto';

// HTTP APIs pass these bodies as text and base64-encode everything else (form posts included).
const TEXT_TYPES = /^(text\/|application\/(json|xml|javascript|[\w.+-]+\+(json|xml)))/i;

export function httpApiEvent({ method, path, rawQuery, headers, body, sourceIp, accountId, routeKey = `${method} ${path}` }) {
  const flatHeaders = {};
  const cookies = [];
  for (const [name, value] of Object.entries(headers)) {
    if (name === 'cookie') cookies.push(...String(value).split(/;\s*/).filter(Boolean));
    else flatHeaders[name] = Array.isArray(value) ? value.join(',') : String(value);
  }
  const query = new URLSearchParams(rawQuery);
  const queryStringParameters = {};
  for (const [k, v] of query) queryStringParameters[k] = k in queryStringParameters ? `${queryStringParameters[k]},${v}` : v;
  const isText = TEXT_TYPES.test(flatHeaders['content-type'] ?? '');
  const now = new Date();
  const event = {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: rawQuery,
    headers: flatHeaders,
    requestContext: {
      accountId,
      apiId: 'local',
      domainName: flatHeaders.host ?? 'localhost',
      domainPrefix: (flatHeaders.host ?? 'localhost').split('.')[0],
      http: { method, path, protocol: 'HTTP/1.1', sourceIp, userAgent: flatHeaders['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    isBase64Encoded: false,
  };
  if (cookies.length) event.cookies = cookies;
  if (rawQuery) event.queryStringParameters = queryStringParameters;
  if (body.length) {
    event.body = isText ? body.toString('utf8') : body.toString('base64');
    event.isBase64Encoded = !isText;
  }
  return event;
}

/** A function's result → { status, headers, body }, as HTTP APIs map payload 2.0 responses. */
export function httpApiResponse(payload) {
  let result;
  try {
    result = JSON.parse(payload);
  } catch {
    return { status: 500, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"message":"Internal Server Error"}') };
  }
  if (result && typeof result === 'object' && 'statusCode' in result) {
    const headers = {};
    for (const [k, v] of Object.entries(result.headers ?? {})) headers[k.toLowerCase()] = String(v);
    for (const [k, v] of Object.entries(result.multiValueHeaders ?? {})) headers[k.toLowerCase()] = [].concat(v).join(',');
    if (result.cookies?.length) headers['set-cookie'] = result.cookies;
    const body = result.body === undefined || result.body === null ? Buffer.alloc(0)
      : result.isBase64Encoded ? Buffer.from(String(result.body), 'base64') : Buffer.from(String(result.body));
    headers['content-type'] ??= 'application/json';
    return { status: Number(result.statusCode), headers, body };
  }
  // Without a statusCode the whole result is the JSON body of a 200.
  return { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(typeof result === 'string' ? result : JSON.stringify(result)) };
}
