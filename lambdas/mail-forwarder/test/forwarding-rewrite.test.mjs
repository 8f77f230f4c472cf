import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { rewriteForForwarding } from '../src/forwarding-rewrite.mjs';
import { decodeEncodedWords } from '../src/encoded-words.mjs';
import { ALICE_HEADERS, headersOf, rawMessage } from '../test-support/messages.mjs';

const OPTIONS = { fromAddress: 'forwarder@blog.example.com', forwardTo: 'owner@blog.example.com', envelopeSender: 'alice@example.com' };

function rewrite(headerLines, body, eol) {
  return rewriteForForwarding(rawMessage(headerLines, body, eol), OPTIONS);
}

function withFrom(fromLines) {
  return ALICE_HEADERS.flatMap((line) => (line.startsWith('From:') ? fromLines : [line]));
}

describe('a typical message', () => {
  const out = rewrite(ALICE_HEADERS);
  const { section, fields } = headersOf(out);

  test('comes From the verified address, keeping the sender\'s name', () => {
    assert.deepEqual(fields.from, ['"Alice Example via blog.example.com" <forwarder@blog.example.com>']);
  });

  test('replies go to the original sender', () => {
    assert.deepEqual(fields['reply-to'], ['Alice Example <alice@example.com>']);
  });

  test('goes To FORWARD_TO only', () => {
    assert.deepEqual(fields.to, ['owner@blog.example.com']);
  });

  test('loses Return-Path, Sender, Message-ID and DKIM-Signature', () => {
    for (const name of ['return-path', 'sender', 'message-id', 'dkim-signature']) assert.equal(fields[name], undefined, name);
  });

  test('keeps every other header byte for byte, in order', () => {
    const kept = ['Received:', 'Cc:', 'Subject:', 'Date:', 'MIME-Version:', 'Content-Type:'];
    const expected = ALICE_HEADERS.join('\r\n').split(/\r\n(?![ \t])/).filter((field) => kept.some((name) => field.startsWith(name)));
    const actual = section.split(/\r\n(?![ \t])/).filter((field) => kept.some((name) => field.startsWith(name)));
    assert.deepEqual(actual, expected);
  });

  test('puts From and Reply-To where From was', () => {
    const names = section.split(/\r\n(?![ \t])/).filter(Boolean).map((field) => field.slice(0, field.indexOf(':')));
    assert.deepEqual(names, ['Received', 'From', 'Reply-To', 'To', 'Cc', 'Subject', 'Date', 'MIME-Version', 'Content-Type']);
  });

  test('uses CRLF throughout', () => {
    assert.doesNotMatch(section.replace(/\r\n/g, ''), /[\r\n]/);
  });
});

describe('From variants', () => {
  test('a folded From is read as one field and copied to Reply-To with its folding', () => {
    const { section, fields } = headersOf(rewrite(withFrom(['From: "Alice', ' Example"', '\t<alice@example.com>'])));
    assert.deepEqual(fields.from, ['"Alice Example via blog.example.com" <forwarder@blog.example.com>']);
    assert.match(section, /\r\nReply-To: "Alice\r\n Example"\r\n\t<alice@example.com>\r\n/);
    assert.equal(section.match(/<alice@example.com>/g).length, 1);
  });

  test('an encoded-word display name is decoded, "via" added and encoded again', () => {
    const { fields } = headersOf(rewrite(withFrom(['From: =?UTF-8?B?QWxpY8Op?= =?ISO-8859-1?Q?_M=FCller?= <alice@example.com>'])));
    const [from] = fields.from;
    assert.match(from, /^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=( =\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=)* <forwarder@blog\.example\.com>$/);
    assert.equal(decodeEncodedWords(from.replace(/\s*<forwarder@blog\.example\.com>$/, '')), 'Alicé Müller via blog.example.com');
    assert.deepEqual(fields['reply-to'], ['=?UTF-8?B?QWxpY8Op?= =?ISO-8859-1?Q?_M=FCller?= <alice@example.com>']);
  });

  test('a From without a display name uses the address as the name', () => {
    const { fields } = headersOf(rewrite(withFrom(['From: alice@example.com'])));
    assert.deepEqual(fields.from, ['"alice@example.com via blog.example.com" <forwarder@blog.example.com>']);
    assert.deepEqual(fields['reply-to'], ['alice@example.com']);
  });

  test('an encoded display name hiding CRLF and a Bcc cannot add a header', () => {
    const evil = Buffer.from('Eve\r\nBcc: victim@example.com').toString('base64');
    const { section, fields } = headersOf(rewrite(withFrom([`From: =?UTF-8?B?${evil}?= <eve@example.com>`])));
    assert.deepEqual(fields.from, ['"Eve Bcc: victim@example.com via blog.example.com" <forwarder@blog.example.com>']);
    assert.equal(fields.bcc, undefined);
    assert.doesNotMatch(section, /\r\nBcc:/i);
  });

  test('quotes and backslashes in the name are escaped', () => {
    const { fields } = headersOf(rewrite(withFrom(['From: "Al \\"The Boss\\" \\\\ Ex" <alice@example.com>'])));
    assert.deepEqual(fields.from, ['"Al \\"The Boss\\" \\\\ Ex via blog.example.com" <forwarder@blog.example.com>']);
  });

  test('a message without From gets one from the envelope sender', () => {
    const { fields } = headersOf(rewrite(ALICE_HEADERS.filter((line) => !line.startsWith('From:'))));
    assert.deepEqual(fields.from, ['"alice@example.com via blog.example.com" <forwarder@blog.example.com>']);
    assert.deepEqual(fields['reply-to'], ['alice@example.com']);
  });

  test('a second From is dropped: only one From leaves', () => {
    const { fields } = headersOf(rewrite([...ALICE_HEADERS, 'From: Mallory <mallory@example.com>']));
    assert.equal(fields.from.length, 1);
    assert.deepEqual(fields['reply-to'], ['Alice Example <alice@example.com>']);
  });
});

describe('Reply-To', () => {
  test('an existing Reply-To is kept as it is and none is added', () => {
    const { fields } = headersOf(rewrite([...ALICE_HEADERS, 'Reply-To: Alice Lists <lists@example.com>']));
    assert.deepEqual(fields['reply-to'], ['Alice Lists <lists@example.com>']);
  });

  test('an existing Reply-To before From is kept too', () => {
    const { fields } = headersOf(rewrite(['reply-to: support@example.com', ...ALICE_HEADERS]));
    assert.deepEqual(fields['reply-to'], ['support@example.com']);
  });
});

describe('DKIM-Signature and friends', () => {
  test('every DKIM-Signature goes, folded or not', () => {
    const headers = [
      'DKIM-Signature: v=1; d=example.com; s=a;',
      '\tb=AAAA',
      ...ALICE_HEADERS,
      'dkim-signature: v=1; d=relay.example; s=b; b=BBBB',
      'DKIM-Signature: v=1; d=third.example;',
      '  s=c; b=CCCC',
    ];
    const { section, fields } = headersOf(rewrite(headers));
    assert.equal(fields['dkim-signature'], undefined);
    assert.doesNotMatch(section, /AAAA|BBBB|CCCC|s=c/);
  });

  test('ARC and other headers are not touched', () => {
    const { fields } = headersOf(rewrite([...ALICE_HEADERS, 'ARC-Seal: i=1; a=rsa-sha256; cv=none; d=example.com']));
    assert.deepEqual(fields['arc-seal'], ['i=1; a=rsa-sha256; cv=none; d=example.com']);
  });
});

describe('To', () => {
  test('several To fields become one', () => {
    const { fields } = headersOf(rewrite([...ALICE_HEADERS, 'To: other@blog.example.com', 'To: third@example.com']));
    assert.deepEqual(fields.to, ['owner@blog.example.com']);
  });

  test('a message without To gets one', () => {
    const { fields } = headersOf(rewrite(ALICE_HEADERS.filter((line) => !line.startsWith('To:'))));
    assert.deepEqual(fields.to, ['owner@blog.example.com']);
  });
});

describe('the body', () => {
  test('is kept byte for byte: binary, bare CR, 8-bit, header-like lines', () => {
    const body = Buffer.concat([
      Buffer.from('From: not-a-header@example.com\r\nDKIM-Signature: also body\r\n\r\n', 'latin1'),
      Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
      Buffer.from('\rlone CR\nlone LF\r\n.\r\n', 'latin1'),
    ]);
    const out = rewrite(ALICE_HEADERS, body);
    assert.deepEqual(out.subarray(out.length - body.length), body);
    assert.equal(out.subarray(0, out.length - body.length).toString('latin1').endsWith('\r\n\r\n'), true);
  });

  test('of an LF-only message is kept, and new headers use LF', () => {
    const body = 'line one\nline two\n';
    const out = rewrite(ALICE_HEADERS, body, '\n');
    assert.ok(out.toString('latin1').endsWith(`\n\n${body}`));
    assert.doesNotMatch(headersOf(out).section, /\r/);
  });

  test('a message with no body at all stays without one', () => {
    const out = rewriteForForwarding(Buffer.from('From: alice@example.com\r\nSubject: x'), OPTIONS);
    assert.equal(out.toString(), 'From: "alice@example.com via blog.example.com" <forwarder@blog.example.com>\r\nReply-To: alice@example.com\r\nSubject: x\r\nTo: owner@blog.example.com\r\n');
  });
});

test('8-bit header bytes in kept fields are not re-encoded', () => {
  const out = rewrite([...ALICE_HEADERS, 'X-Note: caf\xc3\xa9 \xff']);
  assert.ok(out.includes(Buffer.from('X-Note: caf\xc3\xa9 \xff\r\n', 'latin1')));
});

test('every rewritten header line is at most 78 characters when the input\'s are', () => {
  const out = rewrite(withFrom(['From: =?UTF-8?B?WsO2ZSDFgXVrYXNpZXdpY3otw5HDusOxZXogbWl0IGVpbmVt?=', ' =?UTF-8?B?IHNlaHIgbGFuZ2VuIE5hbWVu?= <zoe@example.com>']));
  for (const line of headersOf(out).section.split('\r\n')) assert.ok(line.length <= 78, line);
});
