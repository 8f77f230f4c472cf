import assert from 'node:assert/strict';
import { test } from 'node:test';
import { corsHeaders, preflightHeaders } from '../src/cors.mjs';

const SITE = 'https://blog.example.com';

test('the site origin is allowed, exactly', () => {
  assert.deepEqual(corsHeaders(SITE, SITE), { vary: 'Origin', 'access-control-allow-origin': SITE });
});

test('other origins, look-alikes included, get no Access-Control-Allow-Origin', () => {
  for (const origin of ['https://evil.example.com', 'https://blog.example.com.evil.com', 'http://blog.example.com', 'https://BLOG.example.com', 'null', '', undefined]) {
    assert.deepEqual(corsHeaders(origin, SITE), { vary: 'Origin' }, String(origin));
  }
});

test('preflight for the site allows POST with a JSON content type', () => {
  assert.deepEqual(preflightHeaders(SITE, SITE), {
    vary: 'Origin',
    'access-control-allow-origin': SITE,
    'access-control-allow-methods': 'POST, OPTIONS',
    'access-control-allow-headers': 'content-type',
    'access-control-max-age': '600',
  });
});

test('preflight for a foreign origin allows nothing', () => {
  assert.deepEqual(preflightHeaders('https://evil.example.com', SITE), { vary: 'Origin' });
});
