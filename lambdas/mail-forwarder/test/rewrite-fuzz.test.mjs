// Generated messages, odd and hostile: whatever arrives, the rewrite never
// throws, sends exactly one From (ours, 7-bit) and one To, drops what SES
// refuses, invents no other header, and leaves the body bytes alone.
// Seeded: reproduce a failure with FUZZ_SEED=<seed>.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HeaderSection, fieldValue } from '../src/header-section.mjs';
import { rewriteForForwarding } from '../src/forwarding-rewrite.mjs';
import { seededRandom } from '../test-support/prng.mjs';

const SEED = Number(process.env.FUZZ_SEED ?? 20240501);
const CASES = 300;
const OPTIONS = { fromAddress: 'forwarder@blog.example.com', forwardTo: 'owner@blog.example.com', envelopeSender: 'bounce@example.com' };
const REMOVED = ['return-path', 'sender', 'message-id', 'dkim-signature'];

const encoded = (text, charset = 'UTF-8') => `=?${charset}?B?${Buffer.from(text).toString('base64')}?=`;
const FROM_VALUES = [
  'Alice <alice@example.com>', '"Alice, Example" <alice@example.com>', 'alice@example.com', 'alice@example.com (Alice)',
  `${encoded('Zoë 😀')} <zoe@example.com>`, `${encoded('Eve\r\nBcc: victim@example.com')} <eve@example.com>`,
  `${encoded('Eve\nTo: victim@example.com\u0000')} <eve@example.com>`, '=?x-bogus?Q?=FF=FE?= <x@example.com>', '=?UTF-8?B?!!!notbase64?= <x@example.com>',
  '"unterminated <alice@example.com>', '(unterminated comment <alice@example.com>', '<>', '', ' ', '<<<>>>', 'Alice <alice@example.com', ',,,',
  '"Al \\" \\\\" <a@example.com>', 'Group: a@example.com, b@example.com;', 'Caf\xc3\xa9 <c@example.com>', 'Caf\xe9 \xff\xfe <c@example.com>',
  'A'.repeat(2000) + ' <long@example.com>', '"=?UTF-8?Q?quoted_word?=" <q@example.com>',
];

function generator(random) {
  const field = (name, value) => {
    const folds = random.int(3);
    let text = `${name}: ${value}`;
    for (let i = 0; i < folds; i += 1) {
      const at = text.indexOf(' ', 1 + random.int(Math.max(1, text.length - 1)));
      if (at > name.length + 1) text = `${text.slice(0, at)}{EOL}${random.pick([' ', '\t', '  '])}${text.slice(at + 1)}`;
    }
    return text;
  };
  const headerLine = () => {
    switch (random.int(14)) {
      case 0: case 1: return field(random.pick(['From', 'FROM', 'from']), random.pick(FROM_VALUES));
      case 2: return field('Reply-To', random.pick(FROM_VALUES));
      case 3: return field('To', random.pick(['info@blog.example.com', 'a@x.io, b@y.io', '']));
      case 4: return field(random.pick(['DKIM-Signature', 'dkim-signature']), `v=1; d=example.com; b=${'Q'.repeat(random.int(300))}`);
      case 5: return field(random.pick(['Return-Path', 'Sender', 'Message-ID', 'Message-Id']), '<x@example.com>');
      case 6: return field('Subject', random.pick(['Hi', encoded('Grüße'), 'x'.repeat(random.int(1500)), 'Bcc: smuggled@example.com']));
      case 7: return field('Received', 'from a by b; Wed, 01 May 2024 12:00:00 +0000');
      case 8: return random.pick(['no colon here', ': empty name', 'X Bad Name: v', '\xff\xfe: binary name', 'From alice@example.com Wed May  1 12:00:00 2024']);
      case 9: return field('X-8bit', String.fromCharCode(...Array.from({ length: random.int(40) }, () => 0x80 + random.int(0x80))));
      case 10: return field('X-Bare-CR', 'a\rb');
      case 11: return field('Cc', 'bob@example.com');
      default: return field(`X-Random-${random.int(1000)}`, String.fromCharCode(...Array.from({ length: random.int(60) }, () => 0x20 + random.int(0x5f))));
    }
  };
  return function nextMessage() {
    const eol = random.pick(['\r\n', '\n']);
    const lines = Array.from({ length: random.int(14) }, headerLine);
    let head = lines.join('{EOL}').replaceAll('{EOL}', eol);
    if (random.next() < 0.1) head = head.replaceAll(eol, random.pick(['\r\n', '\n'])); // mixed line breaks
    const body = Buffer.from(Array.from({ length: random.int(400) }, () => random.int(256)));
    const separator = random.next() < 0.9 ? eol + eol : random.pick(['', eol]);
    return Buffer.concat([Buffer.from(head + separator, 'latin1'), body]);
  };
}

// The body as an independent reading finds it: everything from the first empty line on.
function restOf(message) {
  const text = message.toString('latin1');
  if (text.startsWith('\n') || text.startsWith('\r\n')) return message;
  const blank = /\n\r?\n/.exec(text);
  return blank ? message.subarray(blank.index + 1) : Buffer.alloc(0);
}

test(`${CASES} generated messages keep the forwarding invariants (seed ${SEED})`, () => {
  const random = seededRandom(SEED);
  const nextMessage = generator(random);
  for (let index = 0; index < CASES; index += 1) {
    const input = nextMessage();
    const where = `seed ${SEED} case ${index}: ${JSON.stringify(input.toString('latin1').slice(0, 300))}`;
    let output;
    try {
      output = rewriteForForwarding(input, OPTIONS);
    } catch (error) {
      assert.fail(`rewrite threw ${error.stack} for ${where}`);
    }
    const rest = restOf(input);
    assert.deepEqual(output.subarray(output.length - rest.length), rest, `body changed: ${where}`);

    const before = HeaderSection.parse(input).fields;
    const after = HeaderSection.parse(output).fields;
    const named = (fields, name) => fields.filter((field) => field.name === name);

    const froms = named(after, 'from');
    assert.equal(froms.length, 1, `From count: ${where}`);
    const from = fieldValue(froms[0]);
    assert.match(from, /^[\x20-\x7e\t]+ <forwarder@blog\.example\.com>$/, `From: ${where}`);
    assert.deepEqual(named(after, 'to').map(fieldValue), ['owner@blog.example.com'], where);
    for (const name of REMOVED) assert.equal(named(after, name).length, 0, `${name} kept: ${where}`);

    const replyTos = named(before, 'reply-to').length;
    assert.equal(named(after, 'reply-to').length, replyTos > 0 ? replyTos : 1, `Reply-To count: ${where}`);

    const allowed = new Set([...before.map((field) => field.name), 'from', 'reply-to', 'to']);
    for (const field of after) assert.ok(allowed.has(field.name), `new field ${JSON.stringify(field.raw)}: ${where}`);
    assert.equal(after.length, before.length - before.filter((field) => REMOVED.includes(field.name) || field.name === 'from' || field.name === 'to').length + 2 + (replyTos > 0 ? 0 : 1), `field count: ${where}`);
  }
});
