// Lifecycle preconditions stop the render as they stop `terraform plan`:
// the mail forwarder refuses a FORWARD_TO inside a receiving domain.
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { test } from 'node:test';
import { createParser } from '../src/parse-cache.mjs';
import { renderEnvironment } from '../src/render/index.mjs';
import { copyInfra } from './support/infra-copy.mjs';

const parse = createParser();

async function renderWith(environment, forwardTo) {
  const infra = await copyInfra();
  try {
    const file = 'environments.json';
    const json = JSON.parse(await readFile(`${infra.dir}/${file}`, 'utf8'));
    json.environments[environment].functions['mail-forwarder'].environment.FORWARD_TO = forwardTo;
    await infra.write(file, JSON.stringify(json, null, 2));
    return await renderEnvironment({ infraDir: infra.dir, environment, parse });
  } finally {
    await rm(infra.dir, { recursive: true, force: true });
  }
}

for (const [environment, forwardTo] of [['dev', 'owner@blog.example.com'], ['dev', 'me@dev.blog.example.com'], ['local', 'owner@Blog.Example.com'], ['dev', 'x@lists.blog.example.com']]) {
  test(`${environment}: FORWARD_TO ${forwardTo} fails the mail forwarder's precondition`, async () => {
    await assert.rejects(renderWith(environment, forwardTo), (error) => {
      assert.match(error.message, /mail-forwarder aws_ses_receipt_rule\.store_and_forward \(modules\/mail-forwarder\/main\.tf\): precondition failed: environment_variables\.FORWARD_TO must be an email address outside every receiving domain \(/);
      assert.match(error.message, /blog\.example\.com/);
      return true;
    });
  });
}

test('dev: FORWARD_TO outside every receiving domain renders', async () => {
  const model = await renderWith('dev', 'someone@example.net');
  assert.equal(model.environment, 'dev');
});
