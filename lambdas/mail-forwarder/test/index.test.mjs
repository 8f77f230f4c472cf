// The Lambda entry as the runtime loads it: a fresh Node process importing index.mjs.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const LOAD = "const m = await import('./index.mjs'); console.log(typeof m.handler);";
const COMPLETE = {
  MAIL_BUCKET: 'jamstack-mail-local-eu-west-1',
  MAIL_PREFIX: 'inbound/',
  FROM_ADDRESS: 'forwarder@blog.example.com',
  FORWARD_TO: 'owner@blog.example.com',
};

function loadWith(env) {
  return run(process.execPath, ['--input-type=module', '-e', LOAD], {
    cwd: PACKAGE_DIR,
    env: { PATH: process.env.PATH, AWS_REGION: 'eu-west-1', ...env },
  });
}

test('index.mjs exports handler when configured', async () => {
  const { stdout } = await loadWith(COMPLETE);
  assert.equal(stdout.trim(), 'function');
});

for (const name of Object.keys(COMPLETE)) {
  test(`index.mjs fails at cold start naming a missing ${name}`, async () => {
    const env = { ...COMPLETE };
    delete env[name];
    await assert.rejects(loadWith(env), (error) => {
      assert.notEqual(error.code, 0);
      assert.match(error.stderr, new RegExp(`Missing environment variable ${name}: set it on the function`));
      return true;
    });
  });
}
