// Rewrites a received message so SES will send it on: SES sends only From a
// verified identity, and refuses or re-signs what identifies the original hop.
//   From        → "<original name> via <our domain>" <FROM_ADDRESS>
//   Reply-To    → the original From, unless the message already has a Reply-To
//   To          → FORWARD_TO
//   Return-Path, Sender, Message-ID, DKIM-Signature → removed (SES sets its own;
//                 the original signatures would fail after the rewrite anyway)
//   X-Jamstack-Forwarded-By: <forwarderName> → added first, when forwarderName is
//                 given (the loop marker, see loop-marker.mjs)
// Every other header and every byte of the body stay exactly as received.

import { fieldValue, HeaderSection, rawFieldValue } from './header-section.mjs';
import { encodeDisplayName } from './encoded-words.mjs';
import { cleanDisplayName, parseMailbox } from './mailbox.mjs';
import { markerLine } from './loop-marker.mjs';

const REMOVED = new Set(['return-path', 'sender', 'message-id', 'dkim-signature']);

export function rewriteForForwarding(message, { fromAddress, forwardTo, envelopeSender, forwarderName }) {
  const section = HeaderSection.parse(message);
  const { eol } = section;
  const hasReplyTo = section.fields.some((field) => field.name === 'reply-to');
  const originalFrom = section.fields.find((field) => field.name === 'from');
  const viaDomain = fromAddress.split('@')[1];

  const fromLine = `From: ${forwarderMailbox(originalFrom, envelopeSender, viaDomain, fromAddress, eol)}${eol}`;
  const replyToLine = replyTo(originalFrom, envelopeSender, eol);
  const toLine = `To: ${forwardTo}${eol}`;

  const fields = [];
  let fromWritten = false;
  let toWritten = false;
  for (const field of section.fields) {
    if (REMOVED.has(field.name)) continue;
    if (field.name === 'from') {
      if (!fromWritten) fields.push(fromLine, ...(hasReplyTo || !replyToLine ? [] : [replyToLine]));
      fromWritten = true;
    } else if (field.name === 'to') {
      if (!toWritten) fields.push(toLine);
      toWritten = true;
    } else {
      fields.push(field.raw);
    }
  }
  if (!fromWritten) fields.unshift(fromLine, ...(hasReplyTo || !replyToLine ? [] : [replyToLine]));
  if (!toWritten) fields.push(toLine);
  // First, as trace fields are: this hop's mark.
  if (forwarderName) fields.unshift(markerLine(forwarderName, eol));
  return new HeaderSection(fields.map((raw) => ({ raw })), eol, section.rest).toBuffer();
}

function forwarderMailbox(originalFrom, envelopeSender, viaDomain, fromAddress, eol) {
  const original = originalFrom ? parseMailbox(fieldValue(originalFrom)) : { address: envelopeSender };
  const who = original.displayName || cleanDisplayName(original.address ?? '') || 'Unknown sender';
  const name = encodeDisplayName(`${who} via ${viaDomain}`, eol);
  // Keep lines within the 78 characters RFC 5322 asks for: fold before the address when needed.
  const lastLine = `From: ${name}`.split(eol).at(-1);
  const separator = lastLine.length + fromAddress.length + 3 > 78 ? `${eol} ` : ' ';
  return `${name}${separator}<${fromAddress}>`;
}

function replyTo(originalFrom, envelopeSender, eol) {
  // The original From, as written, so its name, encoding and every address in it survive.
  if (originalFrom) return `Reply-To:${rawFieldValue(originalFrom)}`;
  if (envelopeSender && /^[^\s<>,;"]+@[^\s<>,;"]+$/.test(envelopeSender)) return `Reply-To: ${envelopeSender}${eol}`;
  return undefined;
}
