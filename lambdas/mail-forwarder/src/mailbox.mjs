// Reads the first mailbox of an address header (From) well enough to keep its
// display name: "Alice" <a@x>, Alice <a@x>, =?UTF-8?B?...?= <a@x>, a@x (Alice), a@x.

import { decodeEncodedWords } from './encoded-words.mjs';

const MAX_DISPLAY_NAME = 80;

// `value` is the unfolded field value as latin1 text (bytes as characters).
export function parseMailbox(value) {
  const text = bytesAsUnicode(value);
  const phrase = [];
  const comments = [];
  let address;
  for (let i = 0; i < text.length && address === undefined; i += 1) {
    const character = text[i];
    if (character === '"') {
      const end = scanQuoted(text, i);
      phrase.push({ kind: 'quoted', text: text.slice(i + 1, end).replace(/\\(.)/g, '$1') });
      i = end;
    } else if (character === '(') {
      const end = scanComment(text, i);
      comments.push(text.slice(i + 1, end).replace(/\\(.)/g, '$1'));
      i = end;
    } else if (character === '<') {
      const end = text.indexOf('>', i);
      address = text.slice(i + 1, end === -1 ? text.length : end).trim();
    } else if (character === ',') {
      break; // only the first mailbox matters
    } else {
      const last = phrase.at(-1);
      if (last?.kind === 'atom') last.text += character;
      else phrase.push({ kind: 'atom', text: character });
    }
  }
  if (address !== undefined) {
    const displayName = phrase.map((part) => (part.kind === 'atom' ? part.text : ` ${part.text} `)).join('');
    return { displayName: cleanDisplayName(decodeEncodedWords(displayName)), address };
  }
  // No angle brackets: the phrase is the address, an old-style comment may carry the name.
  const bare = phrase.map((part) => part.text).join('').trim();
  return { displayName: cleanDisplayName(decodeEncodedWords(comments.at(-1) ?? '')), address: bare || undefined };
}

// Whatever the sender wrote, the name that goes back into a header is one
// printable line: no controls or line separators, collapsed spaces, bounded length.
export function cleanDisplayName(name) {
  const single = name.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').replace(/\s+/g, ' ').trim();
  const characters = [...single];
  return characters.length > MAX_DISPLAY_NAME ? `${characters.slice(0, MAX_DISPLAY_NAME - 1).join('')}…` : single;
}

// Headers may carry raw UTF-8 (RFC 6532); anything else is taken as latin1.
function bytesAsUnicode(value) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(value, 'latin1'));
  } catch {
    return value;
  }
}

function scanQuoted(text, start) {
  for (let i = start + 1; i < text.length; i += 1) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === '"') return i;
  }
  return text.length;
}

function scanComment(text, start) {
  let depth = 0;
  for (let i = start; i < text.length; i += 1) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === '(') depth += 1;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return text.length;
}
