// Raw messages as a receipt rule stores them.

export function rawMessage(headerLines, body = 'Hello Owner,\r\n\r\nsee you soon.\r\n', eol = '\r\n') {
  return Buffer.concat([Buffer.from(headerLines.join(eol) + eol + eol, 'latin1'), Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8')]);
}

export const ALICE_HEADERS = [
  'Return-Path: <alice@example.com>',
  'Received: from mail.example.com (mail.example.com [192.0.2.1])',
  '\tby inbound-smtp.eu-west-1.amazonaws.com with SMTP id abc',
  '\tfor info@blog.example.com; Wed, 01 May 2024 12:00:00 +0000 (UTC)',
  'DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=s1;',
  '\th=from:to:subject; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;',
  '\tb=dGhpcyBpcyBub3QgYSByZWFsIHNpZ25hdHVyZQ==',
  'From: Alice Example <alice@example.com>',
  'Sender: list-bounces@example.com',
  'To: info@blog.example.com',
  'Cc: bob@example.com',
  'Subject: Hello from Alice',
  'Date: Wed, 01 May 2024 12:00:00 +0000',
  'Message-ID: <1234@mail.example.com>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
];

// The header section of a rewritten message, as text, and its unfolded field values by lower-case name.
export function headersOf(buffer) {
  const text = buffer.toString('latin1');
  const match = /\r?\n\r?\n/.exec(text);
  const section = match ? text.slice(0, match.index + match[0].length / 2) : text;
  const fields = {};
  for (const field of section.split(/\r?\n(?![ \t])/).filter(Boolean)) {
    const name = field.slice(0, field.indexOf(':')).toLowerCase();
    (fields[name] ??= []).push(field.slice(field.indexOf(':') + 1).replace(/\r?\n(?=[ \t])/g, '').trim());
  }
  return { section, fields };
}
