// Validation of the contact form's fields. Returns per-field messages written
// for the visitor, the same texts the site shows next to each field.

import { MAX_EMAIL_LENGTH, normalizeEmailAddress } from './email-address.mjs';

export const NAME_MAX = 100;
export const MESSAGE_MIN = 10;
export const MESSAGE_MAX = 5000;
export const HONEYPOT_FIELD = 'website';

// Anything that could end or fold a mail header line, or that no mail client
// displays sensibly: C0/C1 controls (CR, LF, NUL, NEL, ...), DEL, and the
// Unicode line and paragraph separators.
const HEADER_UNSAFE = /[\p{Cc}\u2028\u2029]/u;
// The message body may have line breaks and tabs, nothing else from Cc.
const BODY_UNSAFE = /[\p{Cc}\u2028\u2029](?<![\t\n\r])/u;

// Bots fill every field they find; people never see this one.
export function isHoneypotFilled(form) {
  const value = form[HONEYPOT_FIELD];
  return value !== undefined && value !== null && value !== '';
}

// Returns { submission } with trimmed, normalized values, or { errors } keyed by field.
export function validateSubmission(form) {
  const errors = {};
  const name = validateName(form.name, errors);
  const email = validateEmail(form.email, errors);
  const message = validateMessage(form.message, errors);
  if (Object.keys(errors).length > 0) return { errors };
  return { submission: { name, email, message } };
}

function validateName(value, errors) {
  if (typeof value !== 'string' || value.trim() === '') {
    errors.name = 'Enter your name.';
    return undefined;
  }
  const name = value.trim();
  if (HEADER_UNSAFE.test(name) || !name.isWellFormed()) {
    errors.name = 'Name must be a single line of text.';
  } else if (characterCount(name) > NAME_MAX) {
    errors.name = `Name must be at most ${NAME_MAX} characters.`;
  }
  return name;
}

function validateEmail(value, errors) {
  if (typeof value !== 'string' || value.trim() === '') {
    errors.email = 'Enter your email address.';
    return undefined;
  }
  const trimmed = value.trim();
  if (trimmed.length > MAX_EMAIL_LENGTH) {
    errors.email = `Email address must be at most ${MAX_EMAIL_LENGTH} characters.`;
    return undefined;
  }
  const address = normalizeEmailAddress(trimmed);
  if (address === undefined) errors.email = 'Enter a valid email address.';
  return address;
}

function validateMessage(value, errors) {
  if (typeof value !== 'string' || value.trim() === '') {
    errors.message = 'Enter a message.';
    return undefined;
  }
  const message = value.trim().replace(/\r\n?/g, '\n');
  const length = characterCount(message);
  if (BODY_UNSAFE.test(message) || !message.isWellFormed()) {
    errors.message = 'Message contains characters that cannot be sent.';
  } else if (length < MESSAGE_MIN) {
    errors.message = `Message must be at least ${MESSAGE_MIN} characters.`;
  } else if (length > MESSAGE_MAX) {
    errors.message = `Message must be at most ${MESSAGE_MAX} characters.`;
  }
  return message;
}

// Characters as people count them closely enough: code points, so an emoji is one, not two.
function characterCount(text) {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}
