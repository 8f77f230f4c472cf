import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_EMAIL_LENGTH, normalizeEmailAddress } from '../src/email-address.mjs';

test('accepts the addresses people type', () => {
  for (const address of ['ada@example.org', 'first.last@sub.example.co.uk', 'user+tag@example.com', "o'brien@example.ie", 'x@a-b.io', '1234@example.museum']) {
    assert.equal(normalizeEmailAddress(address), address, address);
  }
});

test('lower-cases the domain and converts a Unicode domain to punycode', () => {
  assert.equal(normalizeEmailAddress('Ada@Example.ORG'), 'Ada@example.org');
  assert.equal(normalizeEmailAddress('kontakt@bücher.de'), 'kontakt@xn--bcher-kva.de');
});

test('rejects what is not one plain address', () => {
  const rejected = [
    '', 'plainaddress', '@example.com', 'ada@', 'ada@@example.com', 'ada@exa@mple.com', 'ada @example.com', 'ada@exam ple.com',
    'ada@localhost', 'ada@example', 'ada@example.c', 'ada@example.123', 'ada@-example.com', 'ada@example-.com', 'ada@example..com',
    'ada@.example.com', 'ada@example.com.', '.ada@example.com', 'ada.@example.com', 'a..da@example.com', '"ada"@example.com',
    'Ada <ada@example.com>', 'ada@example.com, eve@example.com', 'ada@example.com;eve@example.com', 'ada@[127.0.0.1]',
    'ada@example.com\r\nBcc: eve@example.com', 'ada@example.com\nBcc: eve@example.com', 'ada\u0000@example.com', 'ada@exam\u00adple.com',
    'ada(comment)@example.com', 'ädä@example.com', 'ada@example.com%0d%0aBcc:eve@example.com', 'ada@example_domain.com',
  ];
  for (const address of rejected) {
    assert.equal(normalizeEmailAddress(address), undefined, JSON.stringify(address));
  }
});

test('non-strings are not addresses', () => {
  for (const value of [undefined, null, 42, ['a@b.co'], { email: 'a@b.co' }]) {
    assert.equal(normalizeEmailAddress(value), undefined);
  }
});

test('local part: 64 characters pass, 65 fail', () => {
  assert.ok(normalizeEmailAddress(`${'a'.repeat(64)}@example.com`));
  assert.equal(normalizeEmailAddress(`${'a'.repeat(65)}@example.com`), undefined);
});

test('domain label: 63 characters pass, 64 fail', () => {
  assert.ok(normalizeEmailAddress(`ada@${'b'.repeat(63)}.com`));
  assert.equal(normalizeEmailAddress(`ada@${'b'.repeat(64)}.com`), undefined);
});

test(`whole address: ${MAX_EMAIL_LENGTH} characters pass, ${MAX_EMAIL_LENGTH + 1} fail`, () => {
  const ofLength = (length) => {
    const local = 'a'.repeat(64);
    let domainLength = length - local.length - 1 - '.com'.length;
    const labels = [];
    while (domainLength > 0) {
      const size = Math.min(63, domainLength);
      labels.push('b'.repeat(size));
      domainLength -= size + 1;
    }
    const address = `${local}@${labels.join('.')}.com`;
    assert.equal(address.length, length);
    return address;
  };
  assert.equal(normalizeEmailAddress(ofLength(254)), ofLength(254));
  assert.equal(normalizeEmailAddress(ofLength(255)), undefined);
});
