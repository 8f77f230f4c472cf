import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dropReason, readReceipt } from '../src/receipt.mjs';
import { receiptEvent } from '../test-support/receipt-events.mjs';

test('reads the message id, envelope sender and verdicts', () => {
  assert.deepEqual(readReceipt(receiptEvent()), {
    messageId: 'o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1',
    source: 'alice@example.com',
    subject: 'Hello',
    spamVerdict: 'PASS',
    virusVerdict: 'PASS',
  });
});

const verdicts = [
  [{ spam: 'PASS', virus: 'PASS' }, undefined],
  [{ spam: 'GRAY', virus: 'GRAY' }, undefined],
  [{ spam: 'PROCESSING_FAILED', virus: 'PROCESSING_FAILED' }, undefined],
  [{ spam: undefined, virus: undefined }, undefined],
  [{ spam: 'FAIL', virus: 'PASS' }, 'spam verdict FAIL'],
  [{ spam: 'PASS', virus: 'FAIL' }, 'virus verdict FAIL'],
  [{ spam: 'FAIL', virus: 'FAIL' }, 'virus verdict FAIL'],
  [{ spam: 'fail', virus: 'PASS' }, 'spam verdict FAIL'],
];
for (const [verdict, reason] of verdicts) {
  test(`spam ${verdict.spam}, virus ${verdict.virus} → ${reason ?? 'forward'}`, () => {
    assert.equal(dropReason(readReceipt(receiptEvent(verdict))), reason);
  });
}

test('an event that is not from SES is refused with the fix', () => {
  for (const event of [undefined, {}, { Records: [] }, { Records: [{ s3: {} }] }]) {
    assert.throws(() => readReceipt(event), { name: 'InvalidReceiptEventError', message: /Records\[0\]\.ses is missing.*SES receipt rule/ });
  }
});

test('a message id that could escape the prefix is refused', () => {
  for (const messageId of ['../secrets', 'a/b', '', null, 42, 'x'.repeat(201)]) {
    assert.throws(() => readReceipt(receiptEvent({ messageId })), { name: 'InvalidReceiptEventError', message: /no usable mail\.messageId/ });
  }
  const withoutId = receiptEvent();
  delete withoutId.Records[0].ses.mail.messageId;
  assert.throws(() => readReceipt(withoutId), { name: 'InvalidReceiptEventError', message: /no usable mail\.messageId \(undefined\)/ });
});
