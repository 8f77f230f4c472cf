// Generated malformed input: whatever a client sends, the answer is a 2xx/4xx
// (never a 5xx, never an exception), and nothing with a line break or other
// control character reaches a header SES would write. Seeded, so a failure is
// reproduced with FUZZ_SEED=<seed> and its index.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createHandler } from '../src/handler.mjs';
import { normalizeEmailAddress } from '../src/email-address.mjs';
import { RecordingSes, silentLog } from '../test-support/fake-ses.mjs';
import { CONFIG, httpEvent, SITE_ORIGIN, VALID_FORM } from '../test-support/events.mjs';
import { seededRandom } from '../test-support/prng.mjs';

const SEED = Number(process.env.FUZZ_SEED ?? 20240501);
const CASES = 600;
const HEADER_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

const INJECTIONS = [
  'Ada\r\nBcc: eve@evil.example', 'Ada\nBcc: eve@evil.example', 'Ada\rBcc: eve@evil.example', 'Ada%0d%0aBcc:%20eve@evil.example',
  'Ada%0ABcc: eve@evil.example', 'Ada\u0000Lovelace', 'Ada\u2028Bcc: eve@evil.example', 'Ada\u0085Bcc: eve@evil.example',
  'ada@example.org\r\nBcc: eve@evil.example', 'ada@example.org%0d%0aBcc:eve@evil.example', 'ada@example.org\nContent-Type: text/html',
  'ada@example.org, eve@evil.example', 'ada@example.org>\r\nTo: <eve@evil.example', '=?utf-8?b?QWRhDQpCY2M6IGV2ZUBldmlsLmV4YW1wbGU=?=',
  'Subject: hi\r\n\r\nbody', '\r\n', '\n', '%0d%0a', '\\r\\n', 'Ada\t\r\n Folded',
];
const UNICODE = ['Zoë', '李小龍', 'محمد', '😀'.repeat(3), 'a\u0301', '\u202eevil', '\u200b', '\ufeff', '\ud800', '\udfff lone', 'ｆｕｌｌ', 'Ω≈ç√∫'];
const SPECIAL_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', ''];

function generator(random) {
  const asciiString = (maxLength) => {
    let text = '';
    const length = random.int(maxLength);
    for (let i = 0; i < length; i += 1) text += String.fromCharCode(random.int(128));
    return text;
  };
  const unicodeString = (maxLength) => {
    let text = '';
    const length = random.int(maxLength);
    for (let i = 0; i < length; i += 1) text += String.fromCodePoint(random.pick([random.int(0x80), random.int(0x800), random.int(0xd7ff), 0x10000 + random.int(0xfffff)]));
    return text;
  };
  const nested = (depth) => (depth === 0 ? 'deep' : random.next() < 0.5 ? { nested: nested(depth - 1) } : [nested(depth - 1)]);

  const value = () => {
    switch (random.int(16)) {
      case 0: return undefined;
      case 1: return null;
      case 2: return random.int(1e9) - 5e8;
      case 3: return random.pick([true, false, 0, -0, 1e308, -1e-308, Number.MAX_SAFE_INTEGER]);
      case 4: return [asciiString(20), random.int(5)];
      case 5: return { value: asciiString(20), again: { deeper: [1, 2, 3] } };
      case 6: return nested(1 + random.int(60));
      case 7: return 'x'.repeat(random.pick([101, 255, 5001, 20000, 40000]));
      case 8: return random.pick(INJECTIONS);
      case 9: return random.pick(UNICODE) + random.pick(INJECTIONS);
      case 10: return asciiString(40);
      case 11: return unicodeString(40);
      case 12: return random.pick(UNICODE);
      case 13: return '';
      case 14: return ' '.repeat(random.int(20));
      default: return asciiString(12) + random.pick(['\r', '\n', '\r\n', '\u0000', '%0d%0a']) + asciiString(12);
    }
  };

  // A mostly valid form with one or more fields replaced: exercises each rule in isolation
  // and lets hostile-but-acceptable text (%0d%0a, RTL marks) reach the SES input.
  const mutatedForm = () => {
    const form = { ...VALID_FORM };
    const fields = ['name', 'email', 'message', 'website'];
    const count = 1 + random.int(3);
    for (let i = 0; i < count; i += 1) {
      const field = random.pick(fields);
      if (random.next() < 0.15) delete form[field];
      else form[field] = field === 'website' && random.next() < 0.7 ? '' : value();
    }
    if (random.next() < 0.2) form[random.pick(SPECIAL_KEYS)] = value();
    return form;
  };

  // Valid by the rules, hostile in intent: this is what reaches SES, so the header check bites.
  const acceptableButHostile = () => ({
    name: random.pick(['Ada%0d%0aBcc: eve@evil.example', '=?utf-8?q?Ada=0D=0ABcc:_eve?=', 'Ada\\r\\nBcc:', 'Zoë', '李小龍', '\u202eevil', '😀😀😀', 'Ada "The" <Countess>']),
    email: random.pick(['ada@example.org', ' ada@EXAMPLE.org ', 'o\'brien+tag@bücher.de', 'a{b}|c@sub.example.co.uk']),
    message: `Hello there\r\nBcc: eve@evil.example\r\n\r\n${random.pick(INJECTIONS.filter((text) => !/[\u0000\u0085\u2028]/.test(text)))}`,
    website: random.pick(['', null, undefined]),
  });

  const body = () => {
    switch (random.int(12)) {
      case 7: case 8: return JSON.stringify(acceptableButHostile());
      case 0: return asciiString(200);
      case 1: return unicodeString(200);
      case 2: { const text = JSON.stringify(VALID_FORM); return text.slice(0, random.int(text.length)); }
      case 3: return JSON.stringify(value()) ?? 'undefined';
      case 4: return JSON.stringify([mutatedForm(), mutatedForm()]);
      case 5: return `{"__proto__": {"name": "Ada", "email": "ada@example.org"}, "message": ${JSON.stringify(value()) ?? 'null'}}`;
      case 6: return JSON.stringify(mutatedForm()).replace(/"/g, random.pick(['"', "'", '']));
      default: return JSON.stringify(mutatedForm());
    }
  };

  const headers = () => {
    const choice = random.int(12);
    if (choice === 0) return undefined;
    if (choice === 1) return random.pick([null, [], 'content-type: application/json', 7]);
    const result = {
      'content-type': random.next() < 0.85 ? 'application/json' : random.pick(['text/plain', '', 'application/json; charset=latin1', 'APPLICATION/JSON', 'application/json\r\nX: y']),
      origin: random.pick([SITE_ORIGIN, SITE_ORIGIN, 'https://evil.example', 'null', undefined]),
    };
    if (random.next() < 0.1) result['content-type'] = random.pick([42, null, ['application/json']]);
    return result;
  };

  return function nextEvent() {
    const shape = random.int(20);
    if (shape === 0) return random.pick([undefined, null, 0, 'POST', [], true, { body: body() }]);
    const event = httpEvent({
      method: random.next() < 0.9 ? 'POST' : random.pick(['GET', 'OPTIONS', 'post', 'DELETE', '', 'P\r\nOST']),
      headers: headers(),
      body: body(),
    });
    if (shape === 1) event.body = random.pick([null, 42, { name: 'Ada' }, ['x'], true]);
    if (shape === 2 || shape === 3) {
      event.isBase64Encoded = true;
      event.body = shape === 2 ? Buffer.from(event.body ?? '', 'utf8').toString('base64') : `${event.body}`;
    }
    if (shape === 4) event.isBase64Encoded = random.pick(['true', 1, 'yes']);
    if (shape === 5) event.requestContext = random.pick([null, 'x', { http: null }, { http: { method: 42 } }]);
    return event;
  };
}

function describeInput(event) {
  const text = JSON.stringify(event) ?? String(event);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

test(`${CASES} generated malformed requests: never a 5xx, never an exception, no control characters in SES headers (seed ${SEED})`, async () => {
  const random = seededRandom(SEED);
  const nextEvent = generator(random);
  const ses = new RecordingSes();
  const handler = createHandler({ ses, config: CONFIG, log: silentLog });
  const statuses = new Map();

  for (let index = 0; index < CASES; index += 1) {
    const event = nextEvent();
    const where = `seed ${SEED} case ${index}: ${describeInput(event)}`;
    const sentBefore = ses.sent.length;
    let response;
    try {
      response = await handler(event);
    } catch (error) {
      assert.fail(`handler threw ${error?.stack ?? error} for ${where}`);
    }
    assert.ok(Number.isInteger(response.statusCode), where);
    assert.ok(response.statusCode >= 200 && response.statusCode < 500, `status ${response.statusCode} for ${where}`);
    if (response.statusCode !== 204) {
      const body = JSON.parse(response.body);
      if (response.statusCode === 200) assert.deepEqual(body, { ok: true }, where);
      else assert.ok(body.error || body.errors, where);
    }
    if (ses.sent.length > sentBefore) assert.equal(response.statusCode, 200, `sent mail but answered ${response.statusCode}: ${where}`);
    for (const value of Object.values(response.headers)) assert.doesNotMatch(value, HEADER_UNSAFE, where);
    statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
  }

  for (const [index, { input }] of ses.sent.entries()) {
    const headerValues = [input.FromEmailAddress, ...input.Destination.ToAddresses, ...input.ReplyToAddresses, input.Content.Simple.Subject.Data];
    for (const value of headerValues) assert.doesNotMatch(value, HEADER_UNSAFE, `SES call ${index}: ${JSON.stringify(value)}`);
    assert.equal(input.ReplyToAddresses.length, 1);
    assert.equal(normalizeEmailAddress(input.ReplyToAddresses[0]), input.ReplyToAddresses[0]);
  }

  // The header check above means something only if generated input did reach SES,
  // and the generator is useful only if it hits many different answers.
  assert.ok(ses.sent.length >= 20, `only ${ses.sent.length} generated requests reached SES`);
  for (const status of [200, 400, 405, 413, 415]) assert.ok(statuses.get(status) > 0, `no generated request got ${status}: ${JSON.stringify([...statuses])}`);
  const malformed = CASES - ses.sent.length;
  if (process.env.FUZZ_VERBOSE) console.log(JSON.stringify({ sent: ses.sent.length, statuses: Object.fromEntries(statuses) }));
  assert.ok(malformed >= 200, `only ${malformed} malformed inputs`);
});
