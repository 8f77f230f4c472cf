import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createHandler } from '../src/handler.mjs';
import { rewriteForForwarding } from '../src/forwarding-rewrite.mjs';
import { carriesOwnMarker, LOOP_MARKER } from '../src/loop-marker.mjs';
import { capturingLog, MapS3, RecordingSes } from '../test-support/fakes.mjs';
import { ALICE_HEADERS, headersOf, rawMessage } from '../test-support/messages.mjs';
import { CONFIG, receiptEvent } from '../test-support/receipt-events.mjs';

const NAME = 'jamstack-prod-mail-forwarder';
const MESSAGE_ID = 'o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1';
const KEY = `${CONFIG.mailBucket}/${CONFIG.mailPrefix}${MESSAGE_ID}`;
const config = { ...CONFIG, forwarderName: NAME };

function setup(message) {
  const s3 = new MapS3({ [KEY]: message });
  const ses = new RecordingSes();
  const log = capturingLog();
  return { ses, log, handler: createHandler({ s3, ses, config, log }) };
}

describe('the loop marker', () => {
  test(`a forwarded message carries ${LOOP_MARKER}: <function name>, first`, async () => {
    const { ses, handler } = setup(rawMessage(ALICE_HEADERS));
    await handler(receiptEvent());
    const sent = Buffer.from(ses.sent[0].input.Content.Raw.Data);
    assert.ok(sent.toString('latin1').startsWith(`${LOOP_MARKER}: ${NAME}\r\n`));
    assert.deepEqual(headersOf(sent).fields['x-jamstack-forwarded-by'], [NAME]);
  });

  test('a message that carries its own marker is not forwarded: dropped and logged as a loop', async () => {
    const { ses, log, handler } = setup(rawMessage([`${LOOP_MARKER}: ${NAME}`, ...ALICE_HEADERS]));
    const result = await handler(receiptEvent());
    const reason = `loop: already carries ${LOOP_MARKER}: ${NAME}`;
    assert.equal(ses.sent.length, 0);
    assert.deepEqual(result, { disposition: 'CONTINUE', outcome: 'dropped', reason });
    assert.deepEqual(JSON.parse(log.lines.at(-1)), { event: 'mail-forwarder.dropped', messageId: MESSAGE_ID, reason });
  });

  test('what it forwarded, coming back, is refused (the loop ends after one round)', async () => {
    const first = setup(rawMessage(ALICE_HEADERS));
    await first.handler(receiptEvent());
    const back = setup(Buffer.from(first.ses.sent[0].input.Content.Raw.Data));
    assert.equal((await back.handler(receiptEvent())).outcome, 'dropped');
    assert.equal(back.ses.sent.length, 0);
  });

  test('the field name in any case and a folded value still count', () => {
    assert.ok(carriesOwnMarker(rawMessage([`x-jamstack-forwarded-by:\r\n ${NAME}`, ...ALICE_HEADERS]), NAME));
  });

  test('another forwarder\'s marker, or the name only in the body, is forwarded', async () => {
    const other = setup(rawMessage([`${LOOP_MARKER}: jamstack-dev-mail-forwarder`, ...ALICE_HEADERS], `${LOOP_MARKER}: ${NAME}\r\n`));
    assert.equal((await other.handler(receiptEvent())).outcome, 'forwarded');
    assert.deepEqual(headersOf(Buffer.from(other.ses.sent[0].input.Content.Raw.Data)).fields['x-jamstack-forwarded-by'], [NAME, 'jamstack-dev-mail-forwarder']);
  });

  test('the rewrite adds no marker when no name is given', () => {
    const out = rewriteForForwarding(rawMessage(ALICE_HEADERS), { fromAddress: CONFIG.fromAddress, forwardTo: CONFIG.forwardTo, envelopeSender: 'alice@example.com' });
    assert.equal(headersOf(out).fields['x-jamstack-forwarded-by'], undefined);
  });
});
