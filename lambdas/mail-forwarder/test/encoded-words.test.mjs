import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeEncodedWords, encodeDisplayName } from '../src/encoded-words.mjs';

test('decodes B and Q words in any case', () => {
  assert.equal(decodeEncodedWords('=?UTF-8?B?QWxpY8Op?='), 'Alicé');
  assert.equal(decodeEncodedWords('=?utf-8?q?Alic=C3=A9_M=C3=BCller?='), 'Alicé Müller');
  assert.equal(decodeEncodedWords('=?ISO-8859-1?Q?Andr=E9?= Pirard'), 'André Pirard');
  assert.equal(decodeEncodedWords('=?ISO-8859-2?Q?=A3ukasz?='), 'Łukasz');
});

test('whitespace between adjacent words is dropped, other text kept', () => {
  assert.equal(decodeEncodedWords('=?UTF-8?Q?a?= =?UTF-8?Q?b?='), 'ab');
  assert.equal(decodeEncodedWords('=?UTF-8?Q?a?=\r\n =?UTF-8?Q?b?='), 'ab');
  assert.equal(decodeEncodedWords('=?UTF-8?Q?a?= plain =?UTF-8?Q?b?='), 'a plain b');
});

test('a character split across two words survives', () => {
  const bytes = Buffer.from('é');
  const first = `=?UTF-8?B?${bytes.subarray(0, 1).toString('base64')}?=`;
  const second = `=?UTF-8?B?${bytes.subarray(1).toString('base64')}?=`;
  assert.equal(decodeEncodedWords(`${first} ${second}`), 'é');
});

test('language tags and unknown charsets do not break decoding', () => {
  assert.equal(decodeEncodedWords('=?UTF-8*en?Q?Alice?='), 'Alice');
  assert.equal(decodeEncodedWords('=?x-unknown?Q?Alice?='), 'Alice');
});

test('text without encoded-words is returned as is', () => {
  assert.equal(decodeEncodedWords('Alice =? not a word ?='), 'Alice =? not a word ?=');
});

test('printable ASCII becomes a quoted string with escapes', () => {
  assert.equal(encodeDisplayName('Alice via blog.example.com', '\r\n'), '"Alice via blog.example.com"');
  assert.equal(encodeDisplayName('Al "Bo" \\ Cy', '\r\n'), '"Al \\"Bo\\" \\\\ Cy"');
});

test('anything else becomes UTF-8 encoded-words of at most 75 characters, folded', () => {
  const name = 'Zoë Łukasiewicz-Ñúñez 李小龍 😀 via a-rather-long-subdomain.blog.example.com';
  const encoded = encodeDisplayName(name, '\r\n');
  const words = encoded.split('\r\n ');
  assert.ok(words.length > 1);
  for (const word of words) {
    assert.match(word, /^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/);
    assert.ok(word.length <= 75, word);
  }
  assert.equal(decodeEncodedWords(encoded), name);
});
