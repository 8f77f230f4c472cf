// Splits a raw RFC 5322 message into its header fields and the rest, byte for
// byte. Headers are handled as latin1 text so every byte, 8-bit or not, maps to
// one character and back unchanged; the body is never decoded at all.

export class HeaderSection {
  constructor(fields, eol, rest) {
    this.fields = fields; // [{ name (lower case, '' for a line that is not a field), raw (with its line breaks) }]
    this.eol = eol; // the line break this message uses: '\r\n' or '\n'
    this.rest = rest; // Buffer: the blank line that ends the header section, and the body
  }

  static parse(message) {
    const bytes = Buffer.isBuffer(message) ? message : Buffer.from(message);
    const { headerEnd, eol } = scanHeaderSection(bytes);
    const text = bytes.subarray(0, headerEnd).toString('latin1');
    const fields = [];
    for (const line of text.split(/(?<=\n)/)) {
      if (line === '') continue;
      const continuation = line[0] === ' ' || line[0] === '\t';
      if (continuation && fields.length > 0) {
        fields.at(-1).raw += line;
        continue;
      }
      const colon = line.indexOf(':');
      const name = colon > 0 && !/[\s]/.test(line.slice(0, colon).trim()) ? line.slice(0, colon).trim().toLowerCase() : '';
      fields.push({ name, raw: line });
    }
    // A header section cut off without a final line break: end the last field so fields can follow it.
    if (fields.length > 0 && !fields.at(-1).raw.endsWith('\n')) fields.at(-1).raw += eol;
    return new HeaderSection(fields, eol, bytes.subarray(headerEnd));
  }

  toBuffer() {
    return Buffer.concat([Buffer.from(this.fields.map((field) => field.raw).join(''), 'latin1'), this.rest]);
  }
}

// The value of a field as text: after the colon, unfolded, line break removed.
export function fieldValue(field) {
  return field.raw.slice(field.raw.indexOf(':') + 1).replace(/\r?\n(?=[ \t])/g, '').replace(/\r?\n$/, '').trim();
}

// The value exactly as written (folding kept), to copy into another field.
export function rawFieldValue(field) {
  return field.raw.slice(field.raw.indexOf(':') + 1);
}

// The header section ends at the first empty line (CRLF CRLF or LF LF); a message
// without one is all header. The line break style is taken from the first line.
function scanHeaderSection(bytes) {
  const firstLf = bytes.indexOf(0x0a);
  const eol = firstLf > 0 && bytes[firstLf - 1] === 0x0d ? '\r\n' : '\n';
  if (bytes[0] === 0x0a || (bytes[0] === 0x0d && bytes[1] === 0x0a)) return { headerEnd: 0, eol };
  let lineEnd = firstLf;
  while (lineEnd !== -1) {
    const next = lineEnd + 1;
    if (bytes[next] === 0x0a) return { headerEnd: next, eol };
    if (bytes[next] === 0x0d && bytes[next + 1] === 0x0a) return { headerEnd: next, eol };
    lineEnd = bytes.indexOf(0x0a, next);
  }
  return { headerEnd: bytes.length, eol };
}
