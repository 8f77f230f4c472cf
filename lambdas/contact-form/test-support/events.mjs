// API Gateway HTTP API payload-2.0 events as the contact form receives them.

export const SITE_ORIGIN = 'https://blog.example.com';

export const CONFIG = Object.freeze({
  sender: 'contact@blog.example.com',
  recipient: 'owner@blog.example.com',
  allowedOrigin: SITE_ORIGIN,
});

export const VALID_FORM = Object.freeze({
  name: 'Ada Lovelace',
  email: 'ada@example.org',
  message: 'Hello, I enjoyed your post about the pipeline.',
  website: '',
});

export function httpEvent({ method = 'POST', headers, body, isBase64Encoded = false } = {}) {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/api/contact',
    rawQueryString: '',
    headers: headers ?? { 'content-type': 'application/json', origin: SITE_ORIGIN },
    requestContext: {
      http: { method, path: '/api/contact', protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'test' },
      requestId: 'req-1',
      stage: '$default',
    },
    body,
    isBase64Encoded,
  };
}

export function formEvent(form, overrides = {}) {
  return httpEvent({ body: JSON.stringify(form), ...overrides });
}
