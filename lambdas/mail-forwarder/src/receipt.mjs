// The SES receipt event (Lambda action of a receipt rule): which stored mail to
// forward, and whether SES's scanning says it should not be forwarded at all.

// SES message ids are letters and digits; anything else must not become an S3 key.
const MESSAGE_ID = /^[A-Za-z0-9._-]{1,200}$/;

export class InvalidReceiptEventError extends Error {
  name = 'InvalidReceiptEventError';
}

export function readReceipt(event) {
  const ses = event?.Records?.[0]?.ses;
  if (typeof ses !== 'object' || ses === null) {
    throw new InvalidReceiptEventError('Event is not an SES receipt event (Records[0].ses is missing): invoke this function from an SES receipt rule');
  }
  const messageId = ses.mail?.messageId;
  if (typeof messageId !== 'string' || !MESSAGE_ID.test(messageId)) {
    throw new InvalidReceiptEventError(`SES receipt event has no usable mail.messageId (${JSON.stringify(messageId)})`);
  }
  return {
    messageId,
    source: typeof ses.mail.source === 'string' ? ses.mail.source : undefined,
    subject: ses.mail.commonHeaders?.subject,
    spamVerdict: verdictStatus(ses.receipt?.spamVerdict),
    virusVerdict: verdictStatus(ses.receipt?.virusVerdict),
  };
}

// Mail that SES judged spam or infected is not forwarded. GRAY and
// PROCESSING_FAILED are forwarded: losing a real message is worse than one spam.
export function dropReason(receipt) {
  if (receipt.virusVerdict === 'FAIL') return 'virus verdict FAIL';
  if (receipt.spamVerdict === 'FAIL') return 'spam verdict FAIL';
  return undefined;
}

function verdictStatus(verdict) {
  return typeof verdict?.status === 'string' ? verdict.status.toUpperCase() : undefined;
}
