import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readConfig } from '../src/config.mjs';

const COMPLETE = {
  MAIL_BUCKET: 'jamstack-mail-local-eu-west-1',
  MAIL_PREFIX: 'inbound/',
  FROM_ADDRESS: 'forwarder@blog.example.com',
  FORWARD_TO: 'owner@blog.example.com',
};

test('reads the four variables', () => {
  assert.deepEqual({ ...readConfig(COMPLETE) }, {
    mailBucket: 'jamstack-mail-local-eu-west-1',
    mailPrefix: 'inbound/',
    fromAddress: 'forwarder@blog.example.com',
    forwardTo: 'owner@blog.example.com',
    forwarderName: 'forwarder@blog.example.com',
  });
});

test('the loop marker names the function Lambda runs (AWS_LAMBDA_FUNCTION_NAME), else the sending address', () => {
  assert.equal(readConfig({ ...COMPLETE, AWS_LAMBDA_FUNCTION_NAME: 'jamstack-prod-mail-forwarder' }).forwarderName, 'jamstack-prod-mail-forwarder');
  assert.equal(readConfig(COMPLETE).forwarderName, 'forwarder@blog.example.com');
});

for (const name of Object.keys(COMPLETE)) {
  test(`names a missing ${name}`, () => {
    const env = { ...COMPLETE };
    delete env[name];
    assert.throws(() => readConfig(env), { name: 'ConfigurationError', message: `Missing environment variable ${name}: set it on the function` });
  });
}

test('a blank bucket or address counts as missing', () => {
  for (const name of ['MAIL_BUCKET', 'FROM_ADDRESS', 'FORWARD_TO']) {
    assert.throws(() => readConfig({ ...COMPLETE, [name]: ' ' }), { message: `Missing environment variable ${name}: set it on the function` });
  }
});

test('an empty MAIL_PREFIX is a choice: mail at the bucket root', () => {
  assert.equal(readConfig({ ...COMPLETE, MAIL_PREFIX: '' }).mailPrefix, '');
});

test('names every missing variable at once', () => {
  assert.throws(() => readConfig({ MAIL_PREFIX: '' }), { message: 'Missing environment variables MAIL_BUCKET, FROM_ADDRESS, FORWARD_TO: set them on the function' });
});

test('addresses must be bare: the forwarder writes the display name', () => {
  for (const value of ['Blog <forwarder@blog.example.com>', 'forwarder', 'a@b.com, c@d.com', 'forwarder@blog.example.com\r\nBcc: x@y.z']) {
    assert.throws(() => readConfig({ ...COMPLETE, FROM_ADDRESS: value }), /^ConfigurationError: Environment variable FROM_ADDRESS must be a bare email address/);
    assert.throws(() => readConfig({ ...COMPLETE, FORWARD_TO: value }), /Environment variable FORWARD_TO must be a bare email address/);
  }
});
