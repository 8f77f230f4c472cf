import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMailbox } from '../src/mailbox.mjs';

const cases = [
  ['Alice Example <alice@example.com>', 'Alice Example', 'alice@example.com'],
  ['"Example, Alice" <alice@example.com>', 'Example, Alice', 'alice@example.com'],
  ['"Alice \\"Al\\" Example" <alice@example.com>', 'Alice "Al" Example', 'alice@example.com'],
  ['=?UTF-8?B?QWxpY8Op?= <alice@example.com>', 'Alicé', 'alice@example.com'],
  ['=?UTF-8?Q?Alic=C3=A9?= =?UTF-8?Q?_M=C3=BCller?= <alice@example.com>', 'Alicé Müller', 'alice@example.com'],
  ['"=?UTF-8?B?QWxpY8Op?=" <alice@example.com>', 'Alicé', 'alice@example.com'],
  ['alice@example.com', '', 'alice@example.com'],
  ['<alice@example.com>', '', 'alice@example.com'],
  ['alice@example.com (Alice Example)', 'Alice Example', 'alice@example.com'],
  ['Alice (work) <alice@example.com>', 'Alice', 'alice@example.com'],
  ['Alice <alice@example.com>, Bob <bob@example.com>', 'Alice', 'alice@example.com'],
  ['Alic\xc3\xa9 <alice@example.com>', 'Alicé', 'alice@example.com'], // raw UTF-8 (RFC 6532), as latin1 text
  ['Alic\xe9 <alice@example.com>', 'Alicé', 'alice@example.com'], // raw latin1
];

for (const [value, displayName, address] of cases) {
  test(`reads ${JSON.stringify(value)}`, () => {
    assert.deepEqual(parseMailbox(value), { displayName, address });
  });
}

test('a display name can never carry a line break or control character', () => {
  const injected = `=?UTF-8?B?${Buffer.from('Eve\r\nBcc: victim@example.com\u0000\u2028x').toString('base64')}?= <eve@example.com>`;
  assert.equal(parseMailbox(injected).displayName, 'Eve Bcc: victim@example.com x');
});

test('very long display names are cut', () => {
  const { displayName } = parseMailbox(`${'A'.repeat(500)} <a@example.com>`);
  assert.equal([...displayName].length, 80);
  assert.ok(displayName.endsWith('…'));
});
