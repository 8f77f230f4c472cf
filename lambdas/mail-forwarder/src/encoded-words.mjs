// RFC 2047 encoded-words in display names: decoding what senders wrote
// ("=?UTF-8?B?QWxpY2U=?="), and encoding a Unicode display name back so the
// rewritten From stays 7-bit and every line stays under 78 characters.

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;
const BETWEEN_ENCODED_WORDS = /(=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)\s+(?==\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)/g;
const MAX_BYTES_PER_WORD = 45; // 60 base64 characters: "=?UTF-8?B?" + 60 + "?=" = 72 ≤ 75

export function decodeEncodedWords(text) {
  // Whitespace between adjacent encoded-words is not part of the text (RFC 2047 §6.2).
  const joined = text.replace(BETWEEN_ENCODED_WORDS, '$1');
  let result = '';
  let last = 0;
  let pending = null; // { charset, bytes[] } of adjacent words, decoded together so a character split across words survives
  for (const match of joined.matchAll(ENCODED_WORD)) {
    const [word, charsetSpec, encoding, payload] = match;
    const charset = charsetSpec.split('*')[0].toLowerCase();
    const between = joined.slice(last, match.index);
    if (pending && (between !== '' || pending.charset !== charset)) {
      result += decodeBytes(pending);
      pending = null;
    }
    result += between;
    const bytes = encoding.toUpperCase() === 'B' ? Buffer.from(payload, 'base64') : decodeQ(payload);
    pending = pending ? { charset, bytes: Buffer.concat([pending.bytes, bytes]) } : { charset, bytes };
    last = match.index + word.length;
  }
  if (pending) result += decodeBytes(pending);
  return result + joined.slice(last);
}

// A display name as a phrase: a quoted string when it is printable ASCII,
// otherwise UTF-8 "B" encoded-words, folded onto continuation lines.
export function encodeDisplayName(name, eol) {
  if (/^[\x20-\x7e]*$/.test(name)) return `"${name.replace(/[\\"]/g, '\\$&')}"`;
  const words = [];
  let chunk = '';
  for (const character of name) {
    if (Buffer.byteLength(chunk + character) > MAX_BYTES_PER_WORD) {
      words.push(chunk);
      chunk = '';
    }
    chunk += character;
  }
  if (chunk) words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word).toString('base64')}?=`).join(`${eol} `);
}

function decodeQ(payload) {
  const bytes = [];
  for (let i = 0; i < payload.length; i += 1) {
    const character = payload[i];
    if (character === '_') bytes.push(0x20);
    else if (character === '=' && /^[0-9A-Fa-f]{2}$/.test(payload.slice(i + 1, i + 3))) {
      bytes.push(parseInt(payload.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(payload.charCodeAt(i) & 0xff);
  }
  return Buffer.from(bytes);
}

function decodeBytes({ charset, bytes }) {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    // An unknown charset still yields readable ASCII; the rest becomes latin1.
    return bytes.toString('latin1');
  }
}
