import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createHandler } from '../src/handler.mjs';
import { capturingLog, MapS3, RecordingSes } from '../test-support/fakes.mjs';
import { ALICE_HEADERS, headersOf, rawMessage } from '../test-support/messages.mjs';
import { CONFIG, receiptEvent } from '../test-support/receipt-events.mjs';

const MESSAGE_ID = 'o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1';
const STORED_KEY = `${CONFIG.mailBucket}/${CONFIG.mailPrefix}${MESSAGE_ID}`;
const BODY = 'Hello Owner,\r\n\r\nsee you soon.\r\n';

function setup({ objects = { [STORED_KEY]: rawMessage(ALICE_HEADERS, BODY) }, ses = new RecordingSes() } = {}) {
  const s3 = new MapS3(objects);
  const log = capturingLog();
  return { s3, ses, log, handler: createHandler({ s3, ses, config: CONFIG, log }) };
}

describe('mail that passed the scans', () => {
  test('is read from MAIL_BUCKET/MAIL_PREFIX<messageId> and sent raw to FORWARD_TO', async () => {
    const { s3, ses, log, handler } = setup();
    const result = await handler(receiptEvent());
    assert.deepEqual(s3.requests, [{ name: 'GetObjectCommand', Bucket: 'jamstack-mail-test', Key: `inbound/${MESSAGE_ID}` }]);
    assert.equal(ses.sent.length, 1);
    const { name, input } = ses.sent[0];
    assert.equal(name, 'SendEmailCommand');
    assert.equal(input.FromEmailAddress, 'forwarder@blog.example.com');
    assert.deepEqual(input.Destination, { ToAddresses: ['owner@blog.example.com'] });
    assert.deepEqual(Object.keys(input.Content), ['Raw']);
    const sent = Buffer.from(input.Content.Raw.Data);
    const { fields } = headersOf(sent);
    assert.deepEqual(fields.from, ['"Alice Example via blog.example.com" <forwarder@blog.example.com>']);
    assert.deepEqual(fields['reply-to'], ['Alice Example <alice@example.com>']);
    assert.deepEqual(fields.to, ['owner@blog.example.com']);
    assert.ok(sent.toString().endsWith(`\r\n\r\n${BODY}`));
    assert.deepEqual(result, { disposition: 'CONTINUE', outcome: 'forwarded', sesMessageId: 'fake-1' });
    assert.deepEqual(JSON.parse(log.lines.at(-1)), { event: 'mail-forwarder.forwarded', messageId: MESSAGE_ID, sesMessageId: 'fake-1', bytes: sent.length });
  });

  test('GRAY and PROCESSING_FAILED verdicts are still forwarded', async () => {
    const { ses, handler } = setup();
    await handler(receiptEvent({ spam: 'GRAY', virus: 'PROCESSING_FAILED' }));
    assert.equal(ses.sent.length, 1);
  });
});

describe('mail SES judged bad', () => {
  for (const [verdict, reason] of [[{ spam: 'FAIL' }, 'spam verdict FAIL'], [{ virus: 'FAIL' }, 'virus verdict FAIL']]) {
    test(`${reason}: logged, not read, not sent`, async () => {
      const { s3, ses, log, handler } = setup();
      const result = await handler(receiptEvent(verdict));
      assert.deepEqual(result, { disposition: 'CONTINUE', outcome: 'dropped', reason });
      assert.equal(s3.requests.length, 0);
      assert.equal(ses.sent.length, 0);
      assert.deepEqual(JSON.parse(log.lines.at(-1)), { event: 'mail-forwarder.dropped', messageId: MESSAGE_ID, reason });
    });
  }
});

describe('failures are thrown, so Lambda retries and counts them', () => {
  test('a missing stored mail names the object and the fix', async () => {
    const { ses, handler } = setup({ objects: {} });
    await assert.rejects(handler(receiptEvent()), {
      name: 'StoredMailNotFoundError',
      message: `Stored mail s3://jamstack-mail-test/inbound/${MESSAGE_ID} not found: the receipt rule's S3 action must write to MAIL_BUCKET with MAIL_PREFIX before invoking this function`,
    });
    assert.equal(ses.sent.length, 0);
  });

  test('other S3 errors pass through unchanged', async () => {
    const s3 = { send: async () => { throw Object.assign(new Error('Access Denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }); } };
    const handler = createHandler({ s3, ses: new RecordingSes(), config: CONFIG, log: capturingLog() });
    await assert.rejects(handler(receiptEvent()), { name: 'AccessDenied' });
  });

  test('an SES failure is logged and rethrown', async () => {
    const failure = Object.assign(new Error('Email address is not verified.'), { name: 'MessageRejected' });
    const { log, handler } = setup({ ses: new RecordingSes().failWith(failure) });
    await assert.rejects(handler(receiptEvent()), failure);
    assert.deepEqual(JSON.parse(log.lines.at(-1)), {
      event: 'mail-forwarder.ses-failed',
      messageId: MESSAGE_ID,
      error: { name: 'MessageRejected', message: 'Email address is not verified.' },
    });
  });

  test('an event that is not an SES receipt is refused before any S3 read', async () => {
    const { s3, handler } = setup();
    await assert.rejects(handler({ Records: [{ eventSource: 'aws:s3' }] }), { name: 'InvalidReceiptEventError' });
    assert.equal(s3.requests.length, 0);
  });
});
