// Reads what the handler needs from an HTTP API payload-2.0 event, tolerating
// any shape: a malformed event is a client problem (4xx), never a crash.

// A maximal valid form (5,000 characters of message, 4 UTF-8 bytes each in the
// worst script, plus name and email) must fit; anything larger is not a form post.
export const MAX_BODY_BYTES = 32 * 1024;
const MAX_BASE64_CHARS = Math.ceil(MAX_BODY_BYTES / 3) * 4;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function readRequest(event) {
  const source = isObject(event) ? event : {};
  const http = isObject(source.requestContext) && isObject(source.requestContext.http) ? source.requestContext.http : {};
  const method = typeof http.method === 'string' ? http.method : typeof source.httpMethod === 'string' ? source.httpMethod : '';
  const headers = lowerCaseHeaders(source.headers);
  return {
    method: method.toUpperCase(),
    headers,
    origin: headers.origin,
    sourceIp: typeof http.sourceIp === 'string' ? http.sourceIp : undefined,
    body: source.body,
    isBase64Encoded: source.isBase64Encoded === true,
  };
}

export function isJsonContentType(contentType) {
  if (typeof contentType !== 'string') return false;
  const [mediaType, ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (mediaType !== 'application/json') return false;
  const charset = parameters.find((parameter) => parameter.startsWith('charset='));
  return charset === undefined || ['charset=utf-8', 'charset="utf-8"'].includes(charset);
}

// Returns { value } with the parsed JSON, or { status, error } for the client.
export function parseJsonBody(request) {
  const { body } = request;
  if (body === undefined || body === null || body === '') {
    return { status: 400, error: 'Request body is empty: send the form as a JSON object.' };
  }
  if (typeof body !== 'string') {
    return { status: 400, error: 'Request body must be JSON text.' };
  }
  let text = body;
  if (request.isBase64Encoded) {
    if (body.length > MAX_BASE64_CHARS) return tooLarge();
    if (!BASE64.test(body)) return { status: 400, error: 'Request body is not valid base64.' };
    const bytes = Buffer.from(body, 'base64');
    if (bytes.length > MAX_BODY_BYTES) return tooLarge();
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return { status: 400, error: 'Request body must be UTF-8 encoded JSON.' };
    }
  } else if (body.length > MAX_BODY_BYTES || Buffer.byteLength(body, 'utf8') > MAX_BODY_BYTES) {
    return tooLarge();
  }
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { status: 400, error: 'Request body is not valid JSON.' };
  }
}

function tooLarge() {
  return { status: 413, error: `Request body is larger than ${MAX_BODY_BYTES} bytes.` };
}

function lowerCaseHeaders(headers) {
  const result = {};
  if (!isObject(headers)) return result;
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string') result[name.toLowerCase()] = value;
  }
  return result;
}

function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
