// The parts of an incoming HTTP request that SigV4 and the service handlers need, read once.

/** Raw query string → { name: value | value[] }, values percent-decoded ('+' stays '+', as AWS signs it). */
export function parseQuery(rawQuery) {
  const query = {};
  if (!rawQuery) return query;
  for (const part of rawQuery.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const name = safeDecode(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : safeDecode(part.slice(eq + 1));
    if (name in query) query[name] = [].concat(query[name], value);
    else query[name] = value;
  }
  return query;
}

export function safeDecode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export async function readBody(req, limit = 2 * 1024 ** 3) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > limit) throw new Error(`request body larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export async function incomingRequest(req) {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  const rawQuery = q < 0 ? '' : url.slice(q + 1);
  return {
    method: req.method,
    rawPath,
    rawQuery,
    query: parseQuery(rawQuery),
    headers: req.headers,
    body: await readBody(req),
  };
}

/** Form-encoded parameters of a Query-protocol request (body and URL query both count). */
export function formParameters(request) {
  const params = {};
  for (const [k, v] of Object.entries(request.query)) params[k] = Array.isArray(v) ? v[0] : v;
  if ((request.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(request.body.toString('utf8'))) params[k] = v;
  }
  return params;
}
