// The Lambda entry (index.mjs) against a real aws-ses-v2-local: configuration
// from the environment, endpoint from AWS_ENDPOINT_URL_SESV2, the mail in the
// server's store. This is how the local cloud runs the function.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { createHandler } from '../src/handler.mjs';
import { capturingLog } from '../test-support/fake-ses.mjs';
import { CONFIG, formEvent, VALID_FORM } from '../test-support/events.mjs';
import { startSesLocal } from '../test-support/ses-local.mjs';

let sesLocal;

before(async () => {
  sesLocal = await startSesLocal();
});

after(async () => {
  await sesLocal?.stop();
});

test('index.handler sends the mail to aws-ses-v2-local through AWS_ENDPOINT_URL_SESV2', async () => {
  delete process.env.AWS_ENDPOINT_URL;
  delete process.env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS;
  delete process.env.AWS_PROFILE;
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_SESV2: sesLocal.endpoint,
    AWS_REGION: 'eu-central-1',
    AWS_ACCESS_KEY_ID: 'AKIALOCALTEST0000000',
    AWS_SECRET_ACCESS_KEY: 'local-test-secret',
    SENDER: 'contact@blog.example.com',
    RECIPIENT: 'owner@blog.example.com',
    ALLOWED_ORIGIN: 'https://blog.example.com',
  });
  const { handler } = await import('../index.mjs');

  const response = await handler(formEvent({ ...VALID_FORM, name: 'Zoë Ada' }));
  assert.equal(response.statusCode, 200);
  assert.deepEqual(JSON.parse(response.body), { ok: true });

  const emails = await sesLocal.emails();
  assert.equal(emails.length, 1);
  const [email] = emails;
  assert.equal(email.from, 'contact@blog.example.com');
  assert.deepEqual(email.destination.to, ['owner@blog.example.com']);
  assert.deepEqual(email.replyTo, ['ada@example.org']);
  assert.equal(email.subject, 'Contact form: Zoë Ada');
  assert.match(email.body.text, /^Name: Zoë Ada\nEmail: ada@example.org\n\nHello, I enjoyed your post about the pipeline\./);
});

test('an unreachable SES endpoint is a 502, logged, not an exception', async () => {
  const closed = await startSesLocal();
  const endpoint = closed.endpoint;
  await closed.stop();
  const log = capturingLog();
  const ses = new SESv2Client({ endpoint, region: 'eu-central-1', maxAttempts: 1, credentials: { accessKeyId: 'AKIALOCALTEST0000000', secretAccessKey: 'x' } });
  const handler = createHandler({ ses, config: CONFIG, log });
  const response = await handler(formEvent(VALID_FORM));
  assert.equal(response.statusCode, 502);
  assert.equal(JSON.parse(log.lines.at(-1)).event, 'contact-form.ses-failed');
  ses.destroy();
});
