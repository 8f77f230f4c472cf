// CORS for exactly one origin: the site's. Other origins get no
// Access-Control-Allow-Origin, so browsers refuse to hand them the response.

const ALLOWED_METHODS = 'POST, OPTIONS';
const ALLOWED_HEADERS = 'content-type';
const PREFLIGHT_MAX_AGE_SECONDS = '600';

export function corsHeaders(origin, allowedOrigin) {
  // Vary on every response: caches (CloudFront) must not serve one origin's answer to another.
  const headers = { vary: 'Origin' };
  if (origin !== undefined && origin === allowedOrigin) {
    headers['access-control-allow-origin'] = allowedOrigin;
  }
  return headers;
}

export function preflightHeaders(origin, allowedOrigin) {
  const headers = corsHeaders(origin, allowedOrigin);
  if (headers['access-control-allow-origin']) {
    headers['access-control-allow-methods'] = ALLOWED_METHODS;
    headers['access-control-allow-headers'] = ALLOWED_HEADERS;
    headers['access-control-max-age'] = PREFLIGHT_MAX_AGE_SECONDS;
  }
  return headers;
}
