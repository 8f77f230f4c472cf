// SES receipt rule → this function: read the stored mail, rewrite it for
// forwarding, send it raw through SES v2 to FORWARD_TO. Mail that SES judged
// spam or infected is dropped (logged), and so is mail that carries this
// forwarder's own loop marker (it came back: a loop). Errors are thrown so Lambda's
// asynchronous retries and error metrics see them.

import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { readStoredMail } from './mail-store.mjs';
import { dropReason, readReceipt } from './receipt.mjs';
import { rewriteForForwarding } from './forwarding-rewrite.mjs';
import { carriesOwnMarker, LOOP_MARKER } from './loop-marker.mjs';

export function createHandler({ s3, ses, config, log = console }) {
  return async function handler(event) {
    const receipt = readReceipt(event);
    const { messageId } = receipt;
    const reason = dropReason(receipt);
    if (reason) {
      log.info(JSON.stringify({ event: 'mail-forwarder.dropped', messageId, reason }));
      return { disposition: 'CONTINUE', outcome: 'dropped', reason };
    }

    const key = `${config.mailPrefix}${messageId}`;
    const stored = await readStoredMail(s3, config.mailBucket, key);
    const forwarderName = config.forwarderName ?? config.fromAddress;
    if (carriesOwnMarker(stored, forwarderName)) {
      const loop = `loop: already carries ${LOOP_MARKER}: ${forwarderName}`;
      log.warn(JSON.stringify({ event: 'mail-forwarder.dropped', messageId, reason: loop }));
      return { disposition: 'CONTINUE', outcome: 'dropped', reason: loop };
    }
    const forwarded = rewriteForForwarding(stored, {
      fromAddress: config.fromAddress,
      forwardTo: config.forwardTo,
      envelopeSender: receipt.source,
      forwarderName,
    });
    try {
      const result = await ses.send(
        new SendEmailCommand({
          FromEmailAddress: config.fromAddress,
          // Explicit, so SES sends only to FORWARD_TO and never to addresses in the original Cc.
          Destination: { ToAddresses: [config.forwardTo] },
          Content: { Raw: { Data: forwarded } },
        }),
      );
      log.info(JSON.stringify({ event: 'mail-forwarder.forwarded', messageId, sesMessageId: result?.MessageId, bytes: forwarded.length }));
      return { disposition: 'CONTINUE', outcome: 'forwarded', sesMessageId: result?.MessageId };
    } catch (error) {
      log.error(JSON.stringify({ event: 'mail-forwarder.ses-failed', messageId, error: { name: error?.name, message: error?.message } }));
      throw error;
    }
  };
}
