// API Gateway HTTP API (payload format 2.0) responses. Every body is JSON so the
// site can read errors the same way it reads success.

export function jsonResponse(statusCode, body, headers = {}) {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

export function emptyResponse(statusCode, headers = {}) {
  return { statusCode, headers: { 'cache-control': 'no-store', ...headers }, body: '' };
}
