import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isHoneypotFilled, MESSAGE_MAX, MESSAGE_MIN, NAME_MAX, validateSubmission } from '../src/validate.mjs';

const VALID = { name: 'Ada Lovelace', email: 'ada@example.org', message: 'A message long enough.' };

function errorsFor(fields) {
  return validateSubmission({ ...VALID, ...fields }).errors ?? {};
}

describe('name', () => {
  test('is required and must be text', () => {
    for (const name of [undefined, null, '', '   ', '\t\n', 42, true, ['Ada'], { first: 'Ada' }]) {
      assert.equal(errorsFor({ name }).name, 'Enter your name.', JSON.stringify(name));
    }
  });

  test(`1 character passes, ${NAME_MAX} pass, ${NAME_MAX + 1} fail`, () => {
    assert.equal(errorsFor({ name: 'A' }).name, undefined);
    assert.equal(errorsFor({ name: 'A'.repeat(NAME_MAX) }).name, undefined);
    assert.equal(errorsFor({ name: 'A'.repeat(NAME_MAX + 1) }).name, `Name must be at most ${NAME_MAX} characters.`);
  });

  test('length counts characters, not UTF-16 units, after trimming', () => {
    assert.equal(errorsFor({ name: '😀'.repeat(NAME_MAX) }).name, undefined);
    assert.equal(errorsFor({ name: '😀'.repeat(NAME_MAX + 1) }).name, `Name must be at most ${NAME_MAX} characters.`);
    assert.equal(errorsFor({ name: `  ${'A'.repeat(NAME_MAX)}  ` }).name, undefined);
    assert.equal(validateSubmission({ ...VALID, name: '  Ada  ' }).submission.name, 'Ada');
  });

  test('must be one line without control characters (it goes into the Subject header)', () => {
    for (const name of ['Ada\r\nBcc: eve@example.com', 'Ada\nLovelace', 'Ada\rLovelace', 'Ada\u0000', 'Ada\u0007', 'Ada\u007f', 'Ada\u0085x', 'Ada\u2028x', 'Ada\u2029x', 'Ada\tLovelace', 'Ada\ud800']) {
      assert.equal(errorsFor({ name }).name, 'Name must be a single line of text.', JSON.stringify(name));
    }
  });

  test('unusual but harmless text is a name', () => {
    for (const name of ['José Ñúñez', '李小龍', 'محمد', "O'Brien-Smith", 'Ada %0d%0a Lovelace', '=?utf-8?q?x?=', '"Ada" <ada@x.io>']) {
      assert.equal(errorsFor({ name }).name, undefined, name);
    }
  });
});

describe('email', () => {
  test('is required and must be text', () => {
    for (const email of [undefined, null, '', '  ', 7, ['ada@example.org'], {}]) {
      assert.equal(errorsFor({ email }).email, 'Enter your email address.', JSON.stringify(email));
    }
  });

  test('must have valid syntax', () => {
    for (const email of ['ada', 'ada@example', 'ada@@example.org', 'ada @example.org', 'ada@example.org\r\nBcc: eve@example.com', 'ada@example.org,eve@example.com']) {
      assert.equal(errorsFor({ email }).email, 'Enter a valid email address.', JSON.stringify(email));
    }
  });

  test('over 254 characters says so', () => {
    assert.equal(errorsFor({ email: `${'a'.repeat(250)}@example.org` }).email, 'Email address must be at most 254 characters.');
  });

  test('is trimmed and normalized', () => {
    assert.equal(validateSubmission({ ...VALID, email: '  ada@Example.ORG ' }).submission.email, 'ada@example.org');
  });
});

describe('message', () => {
  test('is required and must be text', () => {
    for (const message of [undefined, null, '', '     ', 12345678901, ['a long enough message'], { text: 'a long enough message' }]) {
      assert.equal(errorsFor({ message }).message, 'Enter a message.', JSON.stringify(message));
    }
  });

  test(`${MESSAGE_MIN - 1} characters fail, ${MESSAGE_MIN} pass`, () => {
    assert.equal(errorsFor({ message: 'x'.repeat(MESSAGE_MIN - 1) }).message, `Message must be at least ${MESSAGE_MIN} characters.`);
    assert.equal(errorsFor({ message: 'x'.repeat(MESSAGE_MIN) }).message, undefined);
    assert.equal(errorsFor({ message: `   ${'x'.repeat(MESSAGE_MIN - 1)}   ` }).message, `Message must be at least ${MESSAGE_MIN} characters.`);
  });

  test(`${MESSAGE_MAX} characters pass, ${MESSAGE_MAX + 1} fail`, () => {
    assert.equal(errorsFor({ message: 'x'.repeat(MESSAGE_MAX) }).message, undefined);
    assert.equal(errorsFor({ message: '😀'.repeat(MESSAGE_MAX) }).message, undefined);
    assert.equal(errorsFor({ message: 'x'.repeat(MESSAGE_MAX + 1) }).message, `Message must be at most ${MESSAGE_MAX} characters.`);
  });

  test('may span lines; CRLF becomes LF', () => {
    const { submission } = validateSubmission({ ...VALID, message: 'First line\r\nSecond line\rThird\tline\n' });
    assert.equal(submission.message, 'First line\nSecond line\nThird\tline');
  });

  test('other control characters and broken UTF-16 are refused', () => {
    for (const message of ['Hello there\u0000!', 'Hello there\u001b[31m', 'Hello there \ud83d', 'Hello\u0085there, friend']) {
      assert.equal(errorsFor({ message }).message, 'Message contains characters that cannot be sent.', JSON.stringify(message));
    }
  });
});

test('all errors are reported together', () => {
  assert.deepEqual(validateSubmission({}).errors, {
    name: 'Enter your name.',
    email: 'Enter your email address.',
    message: 'Enter a message.',
  });
});

test('a valid form yields the trimmed submission', () => {
  assert.deepEqual(validateSubmission({ ...VALID, extra: 'ignored' }), { submission: VALID });
});

describe('honeypot', () => {
  test('empty, null or absent means a person', () => {
    for (const website of ['', null, undefined]) assert.equal(isHoneypotFilled({ website }), false);
    assert.equal(isHoneypotFilled({}), false);
  });

  test('anything else means a bot', () => {
    for (const website of ['https://spam.example', ' ', 0, false, [], {}]) assert.equal(isHoneypotFilled({ website }), true, JSON.stringify(website));
  });
});
