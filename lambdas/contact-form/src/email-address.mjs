// Email syntax the contact form accepts: a dot-atom local part (RFC 5322 atext,
// no quoted strings or comments), one "@", and a DNS domain with at least two
// labels. This rejects everything that could smuggle a second address or a
// header into Reply-To (spaces, commas, angle brackets, quotes, CR/LF), while
// accepting what real people type. Unicode domains are converted to their
// ASCII (punycode) form, which is what SES and every mail server expect.

import { domainToASCII } from 'node:url';

export const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const TOP_LEVEL_LABEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

// Returns the address to send to, or undefined when the syntax is not acceptable.
export function normalizeEmailAddress(input) {
  if (typeof input !== 'string' || input.length > MAX_EMAIL_LENGTH) return undefined;
  const parts = input.split('@');
  if (parts.length !== 2) return undefined;
  const [localPart, unicodeDomain] = parts;
  if (localPart.length > MAX_LOCAL_PART_LENGTH || !LOCAL_PART.test(localPart)) return undefined;
  // domainToASCII would quietly drop some characters (soft hyphens, ...) and map
  // others; only letters, digits, marks, hyphens and dots may go in at all.
  if (!/^[\p{L}\p{M}\p{N}.-]+$/u.test(unicodeDomain)) return undefined;
  const domain = domainToASCII(unicodeDomain);
  if (domain === '' || domain.length > 253) return undefined;
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label))) return undefined;
  if (!TOP_LEVEL_LABEL.test(labels.at(-1))) return undefined;
  const address = `${localPart}@${domain}`;
  return address.length <= MAX_EMAIL_LENGTH ? address : undefined;
}
