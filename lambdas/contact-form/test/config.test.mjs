import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigurationError, readConfig } from '../src/config.mjs';

const COMPLETE = {
  SENDER: 'contact@blog.example.com',
  RECIPIENT: 'owner@blog.example.com',
  ALLOWED_ORIGIN: 'https://blog.example.com',
};

describe('readConfig', () => {
  test('reads SENDER, RECIPIENT and ALLOWED_ORIGIN', () => {
    assert.deepEqual(
      { ...readConfig(COMPLETE) },
      { sender: 'contact@blog.example.com', recipient: 'owner@blog.example.com', allowedOrigin: 'https://blog.example.com' },
    );
  });

  test('accepts an http origin with a port (the local cloud)', () => {
    assert.equal(readConfig({ ...COMPLETE, ALLOWED_ORIGIN: 'http://localhost:8080' }).allowedOrigin, 'http://localhost:8080');
  });

  for (const name of Object.keys(COMPLETE)) {
    test(`names a missing ${name}`, () => {
      const env = { ...COMPLETE };
      delete env[name];
      assert.throws(() => readConfig(env), {
        name: 'ConfigurationError',
        message: `Missing environment variable ${name}: set it on the function`,
      });
    });

    test(`treats a blank ${name} as missing`, () => {
      assert.throws(() => readConfig({ ...COMPLETE, [name]: '  ' }), {
        message: `Missing environment variable ${name}: set it on the function`,
      });
    });
  }

  test('names every missing variable at once', () => {
    assert.throws(() => readConfig({ ALLOWED_ORIGIN: 'https://blog.example.com' }), {
      message: 'Missing environment variables SENDER, RECIPIENT: set them on the function',
    });
  });

  for (const origin of ['https://blog.example.com/', 'https://blog.example.com/contact', 'blog.example.com', 'ftp://blog.example.com', '*']) {
    test(`rejects ALLOWED_ORIGIN "${origin}", which never equals a browser Origin`, () => {
      assert.throws(() => readConfig({ ...COMPLETE, ALLOWED_ORIGIN: origin }), (error) => {
        assert.ok(error instanceof ConfigurationError);
        assert.match(error.message, /^Environment variable ALLOWED_ORIGIN must be an origin/);
        return true;
      });
    });
  }

  test('rejects a SENDER that is not an address', () => {
    assert.throws(() => readConfig({ ...COMPLETE, SENDER: 'nobody' }), /Environment variable SENDER must be an email address/);
  });
});
