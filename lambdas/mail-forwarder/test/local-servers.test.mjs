// The Lambda entry (index.mjs) end to end against real servers, as the local
// cloud runs it: the raw mail in s3rver, the forward sent to aws-ses-v2-local,
// both found through AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL_SESV2.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ALICE_HEADERS, rawMessage } from '../test-support/messages.mjs';
import { receiptEvent } from '../test-support/receipt-events.mjs';
import { startS3Local } from '../test-support/s3-local.mjs';
import { startSesLocal } from '../test-support/ses-local.mjs';

const BUCKET = 'jamstack-mail-local-eu-west-1';
const MESSAGE_ID = 'o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1';
let s3Local;
let sesLocal;
let handler;

before(async () => {
  s3Local = await startS3Local({ buckets: [BUCKET] });
  sesLocal = await startSesLocal();
  for (const name of ['AWS_ENDPOINT_URL', 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', 'AWS_PROFILE']) delete process.env[name];
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_S3: s3Local.endpoint,
    AWS_ENDPOINT_URL_SESV2: sesLocal.endpoint,
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    MAIL_BUCKET: BUCKET,
    MAIL_PREFIX: 'inbound/',
    FROM_ADDRESS: 'forwarder@blog.example.com',
    FORWARD_TO: 'owner@blog.example.com',
  });
  ({ handler } = await import('../index.mjs'));
});

after(async () => {
  await sesLocal?.stop();
  await s3Local?.stop();
});

test('a stored mail is forwarded with From, Reply-To and To rewritten and the body intact', async () => {
  const s3 = new S3Client({ forcePathStyle: true });
  const body = 'Hello Owner,\r\n\r\nthis came through the forwarder. Grüße!\r\n';
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `inbound/${MESSAGE_ID}`, Body: rawMessage(ALICE_HEADERS, body) }));
  s3.destroy();

  const result = await handler(receiptEvent({ messageId: MESSAGE_ID }));
  assert.equal(result.outcome, 'forwarded');

  const emails = await sesLocal.emails();
  assert.equal(emails.length, 1);
  const [email] = emails;
  assert.equal(email.messageId, result.sesMessageId);
  assert.equal(email.from, '"Alice Example via blog.example.com" <forwarder@blog.example.com>');
  assert.deepEqual(email.replyTo, ['"Alice Example" <alice@example.com>']);
  assert.deepEqual(email.destination.to, ['owner@blog.example.com']);
  assert.deepEqual(email.destination.cc, ['bob@example.com']);
  assert.equal(email.subject, 'Hello from Alice');
  assert.equal(email.body.text, 'Hello Owner,\n\nthis came through the forwarder. Grüße!\n');
});

test('a mail missing from the bucket fails with the object named', async () => {
  await assert.rejects(handler(receiptEvent({ messageId: 'neverstored0000' })), {
    name: 'StoredMailNotFoundError',
    message: /^Stored mail s3:\/\/jamstack-mail-local-eu-west-1\/inbound\/neverstored0000 not found/,
  });
});

test('spam is not forwarded', async () => {
  const before = (await sesLocal.emails()).length;
  const result = await handler(receiptEvent({ spam: 'FAIL' }));
  assert.equal(result.outcome, 'dropped');
  assert.equal((await sesLocal.emails()).length, before);
});
