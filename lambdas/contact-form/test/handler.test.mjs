import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_BODY_BYTES } from '../src/request.mjs';
import { createHandler } from '../src/handler.mjs';
import { capturingLog, RecordingSes, silentLog } from '../test-support/fake-ses.mjs';
import { CONFIG, formEvent, httpEvent, SITE_ORIGIN, VALID_FORM } from '../test-support/events.mjs';

const RECEIVED_AT = new Date('2024-05-01T12:00:00.000Z');

function setup({ ses = new RecordingSes(), log = silentLog } = {}) {
  return { ses, log, handler: createHandler({ ses, config: CONFIG, log, now: () => RECEIVED_AT }) };
}

function bodyOf(response) {
  return JSON.parse(response.body);
}

describe('a valid submission', () => {
  test('sends exactly one email and answers 200 {"ok": true}', async () => {
    const { ses, handler } = setup();
    const response = await handler(formEvent(VALID_FORM));
    assert.equal(response.statusCode, 200);
    assert.deepEqual(bodyOf(response), { ok: true });
    assert.equal(response.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(ses.sent.length, 1);
    assert.equal(ses.sent[0].name, 'SendEmailCommand');
    assert.deepEqual(ses.sent[0].input, {
      FromEmailAddress: 'contact@blog.example.com',
      Destination: { ToAddresses: ['owner@blog.example.com'] },
      ReplyToAddresses: ['ada@example.org'],
      Content: {
        Simple: {
          Subject: { Data: 'Contact form: Ada Lovelace', Charset: 'UTF-8' },
          Body: {
            Text: {
              Data:
                'Name: Ada Lovelace\nEmail: ada@example.org\n\nHello, I enjoyed your post about the pipeline.\n\n-- \n' +
                'Sent through the contact form at 2024-05-01T12:00:00.000Z from IP address 203.0.113.7.\n',
              Charset: 'UTF-8',
            },
          },
        },
      },
    });
  });

  test('without the honeypot field at all is still a person', async () => {
    const { ses, handler } = setup();
    const { website, ...form } = VALID_FORM;
    assert.equal((await handler(formEvent(form))).statusCode, 200);
    assert.equal(ses.sent.length, 1);
  });

  test('sends trimmed values and the normalized address', async () => {
    const { ses, handler } = setup();
    await handler(formEvent({ name: '  Zoë  ', email: ' zoe@Bücher.DE ', message: '  Ten chars!  ' }));
    const { input } = ses.sent[0];
    assert.equal(input.Content.Simple.Subject.Data, 'Contact form: Zoë');
    assert.deepEqual(input.ReplyToAddresses, ['zoe@xn--bcher-kva.de']);
    assert.match(input.Content.Simple.Body.Text.Data, /\n\nTen chars!\n\n-- \n/);
  });

  test('logs the SES message id', async () => {
    const log = capturingLog();
    const { handler } = setup({ log });
    await handler(formEvent(VALID_FORM));
    assert.deepEqual(JSON.parse(log.lines.at(-1)), { event: 'contact-form.sent', messageId: 'fake-1' });
  });
});

describe('invalid fields', () => {
  const cases = [
    ['name missing', { name: undefined }, { name: 'Enter your name.' }],
    ['name too long', { name: 'n'.repeat(101) }, { name: 'Name must be at most 100 characters.' }],
    ['name with CRLF', { name: 'Ada\r\nBcc: eve@example.com' }, { name: 'Name must be a single line of text.' }],
    ['email invalid', { email: 'ada@example' }, { email: 'Enter a valid email address.' }],
    ['email with a header', { email: 'ada@example.org\r\nBcc: eve@example.com' }, { email: 'Enter a valid email address.' }],
    ['email too long', { email: `${'a'.repeat(64)}@${'b'.repeat(200)}.com` }, { email: 'Email address must be at most 254 characters.' }],
    ['message too short', { message: 'Too short' }, { message: 'Message must be at least 10 characters.' }],
    ['message too long', { message: 'm'.repeat(5001) }, { message: 'Message must be at most 5000 characters.' }],
    ['everything wrong', { name: 5, email: null, message: [] }, { name: 'Enter your name.', email: 'Enter your email address.', message: 'Enter a message.' }],
  ];
  for (const [title, fields, errors] of cases) {
    test(`${title} → 400 with per-field errors, nothing sent`, async () => {
      const { ses, handler } = setup();
      const response = await handler(formEvent({ ...VALID_FORM, ...fields }));
      assert.equal(response.statusCode, 400);
      assert.deepEqual(bodyOf(response), { errors });
      assert.equal(response.headers['access-control-allow-origin'], SITE_ORIGIN);
      assert.equal(ses.sent.length, 0);
    });
  }
});

describe('honeypot', () => {
  test('a filled website field gets the same success answer and sends nothing', async () => {
    const log = capturingLog();
    const { ses, handler } = setup({ log });
    const human = await setup().handler(formEvent(VALID_FORM));
    const bot = await handler(formEvent({ ...VALID_FORM, website: 'https://spam.example' }));
    assert.equal(bot.statusCode, human.statusCode);
    assert.equal(bot.body, human.body);
    assert.deepEqual(bot.headers, human.headers);
    assert.equal(ses.sent.length, 0);
    assert.equal(JSON.parse(log.lines[0]).event, 'contact-form.honeypot');
  });

  test('wins over invalid fields, so bots learn nothing from errors', async () => {
    const { ses, handler } = setup();
    const response = await handler(formEvent({ website: 'x', email: 'nonsense' }));
    assert.equal(response.statusCode, 200);
    assert.deepEqual(bodyOf(response), { ok: true });
    assert.equal(ses.sent.length, 0);
  });
});

describe('request shape', () => {
  test('OPTIONS is a CORS preflight: 204, no body, nothing sent', async () => {
    const { ses, handler } = setup();
    const response = await handler(httpEvent({ method: 'OPTIONS', headers: { origin: SITE_ORIGIN, 'access-control-request-method': 'POST' } }));
    assert.equal(response.statusCode, 204);
    assert.equal(response.body, '');
    assert.equal(response.headers['access-control-allow-origin'], SITE_ORIGIN);
    assert.equal(response.headers['access-control-allow-methods'], 'POST, OPTIONS');
    assert.equal(response.headers['access-control-allow-headers'], 'content-type');
    assert.equal(ses.sent.length, 0);
  });

  for (const method of ['GET', 'PUT', 'DELETE', 'PATCH', 'HEAD', '']) {
    test(`method "${method}" → 405 with Allow`, async () => {
      const { ses, handler } = setup();
      const response = await handler(httpEvent({ method, body: JSON.stringify(VALID_FORM) }));
      assert.equal(response.statusCode, 405);
      assert.equal(response.headers.allow, 'POST, OPTIONS');
      assert.ok(bodyOf(response).error);
      assert.equal(ses.sent.length, 0);
    });
  }

  test('lower-case method names are still POST', async () => {
    const { handler } = setup();
    assert.equal((await handler(httpEvent({ method: 'post', body: JSON.stringify(VALID_FORM) }))).statusCode, 200);
  });

  for (const contentType of [undefined, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp', 'application/json; charset=iso-8859-1']) {
    test(`content type ${contentType} → 415`, async () => {
      const { ses, handler } = setup();
      const headers = { origin: SITE_ORIGIN };
      if (contentType) headers['content-type'] = contentType;
      const response = await handler(formEvent(VALID_FORM, { headers }));
      assert.equal(response.statusCode, 415);
      assert.equal(bodyOf(response).error, 'Send the form as application/json.');
      assert.equal(ses.sent.length, 0);
    });
  }

  for (const contentType of ['application/json', 'Application/JSON', 'application/json; charset=utf-8', 'application/json;charset="UTF-8"']) {
    test(`content type ${contentType} is JSON`, async () => {
      const { handler } = setup();
      const response = await handler(formEvent(VALID_FORM, { headers: { 'content-type': contentType } }));
      assert.equal(response.statusCode, 200);
    });
  }

  test('header names are matched whatever their case', async () => {
    const { handler } = setup();
    const response = await handler(formEvent(VALID_FORM, { headers: { 'Content-Type': 'application/json', Origin: SITE_ORIGIN } }));
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['access-control-allow-origin'], SITE_ORIGIN);
  });

  test(`a body of exactly ${MAX_BODY_BYTES} bytes is read; one byte more → 413`, async () => {
    const { ses, handler } = setup();
    const atLimit = JSON.stringify(VALID_FORM).replace(/}$/, '') + `,"pad":"${'p'.repeat(MAX_BODY_BYTES)}"}`;
    const padded = atLimit.slice(0, atLimit.length - (atLimit.length - MAX_BODY_BYTES) - 2) + '"}';
    assert.equal(Buffer.byteLength(padded), MAX_BODY_BYTES);
    assert.equal((await handler(httpEvent({ body: padded }))).statusCode, 200);
    const over = padded.replace('"pad":"', '"pad":"p');
    const response = await handler(httpEvent({ body: over }));
    assert.equal(response.statusCode, 413);
    assert.match(bodyOf(response).error, /larger than 32768 bytes/);
    assert.equal(ses.sent.length, 1);
  });

  test('the size limit counts UTF-8 bytes, not characters', async () => {
    const { handler } = setup();
    const body = JSON.stringify({ ...VALID_FORM, pad: 'é'.repeat(MAX_BODY_BYTES / 2) });
    assert.ok(body.length < MAX_BODY_BYTES * 1.1);
    assert.equal((await handler(httpEvent({ body }))).statusCode, 413);
  });

  test('a maximal valid form in a 4-byte script fits under the limit', async () => {
    const { ses, handler } = setup();
    const form = { name: '😀'.repeat(100), email: `${'a'.repeat(64)}@example.org`, message: '😀'.repeat(5000), website: '' };
    assert.equal((await handler(formEvent(form))).statusCode, 200);
    assert.equal(ses.sent.length, 1);
  });

  for (const [title, body, error] of [
    ['no body', undefined, 'Request body is empty: send the form as a JSON object.'],
    ['an empty body', '', 'Request body is empty: send the form as a JSON object.'],
    ['invalid JSON', '{"name": "Ada",', 'Request body is not valid JSON.'],
    ['a JSON array', '[1,2]', 'Request body must be a JSON object with name, email and message.'],
    ['JSON null', 'null', 'Request body must be a JSON object with name, email and message.'],
    ['a JSON string', '"hello"', 'Request body must be a JSON object with name, email and message.'],
  ]) {
    test(`${title} → 400`, async () => {
      const { ses, handler } = setup();
      const response = await handler(httpEvent({ body }));
      assert.equal(response.statusCode, 400);
      assert.deepEqual(bodyOf(response), { error });
      assert.equal(ses.sent.length, 0);
    });
  }
});

describe('base64 bodies (isBase64Encoded)', () => {
  test('are decoded', async () => {
    const { ses, handler } = setup();
    const body = Buffer.from(JSON.stringify({ ...VALID_FORM, name: 'Zoë 😀' })).toString('base64');
    const response = await handler(httpEvent({ body, isBase64Encoded: true }));
    assert.equal(response.statusCode, 200);
    assert.equal(ses.sent[0].input.Content.Simple.Subject.Data, 'Contact form: Zoë 😀');
  });

  test('that are not base64 → 400', async () => {
    const { handler } = setup();
    const response = await handler(httpEvent({ body: '{"name":"Ada"}', isBase64Encoded: true }));
    assert.equal(response.statusCode, 400);
    assert.deepEqual(bodyOf(response), { error: 'Request body is not valid base64.' });
  });

  test('that decode to something other than UTF-8 → 400', async () => {
    const { handler } = setup();
    const body = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]).toString('base64');
    const response = await handler(httpEvent({ body, isBase64Encoded: true }));
    assert.deepEqual(bodyOf(response), { error: 'Request body must be UTF-8 encoded JSON.' });
  });

  test('over the limit once decoded → 413', async () => {
    const { handler } = setup();
    const body = Buffer.from(JSON.stringify({ ...VALID_FORM, pad: 'x'.repeat(MAX_BODY_BYTES) })).toString('base64');
    assert.equal((await handler(httpEvent({ body, isBase64Encoded: true }))).statusCode, 413);
  });
});

describe('CORS', () => {
  test('the site origin gets Access-Control-Allow-Origin and Vary', async () => {
    const { handler } = setup();
    const response = await handler(formEvent(VALID_FORM));
    assert.equal(response.headers['access-control-allow-origin'], SITE_ORIGIN);
    assert.equal(response.headers.vary, 'Origin');
  });

  test('a foreign origin gets no Access-Control-Allow-Origin (the browser hides the answer)', async () => {
    const { handler } = setup();
    const response = await handler(formEvent(VALID_FORM, { headers: { 'content-type': 'application/json', origin: 'https://evil.example.com' } }));
    assert.equal(response.headers['access-control-allow-origin'], undefined);
    assert.equal(response.headers.vary, 'Origin');
  });

  test('no Origin header (curl, server to server) gets no Access-Control-Allow-Origin', async () => {
    const { handler } = setup();
    const response = await handler(formEvent(VALID_FORM, { headers: { 'content-type': 'application/json' } }));
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['access-control-allow-origin'], undefined);
  });

  test('a foreign preflight is answered without any allowance', async () => {
    const { handler } = setup();
    const response = await handler(httpEvent({ method: 'OPTIONS', headers: { origin: 'https://evil.example.com' } }));
    assert.equal(response.statusCode, 204);
    assert.equal(response.headers['access-control-allow-origin'], undefined);
    assert.equal(response.headers['access-control-allow-methods'], undefined);
  });

  test('error answers carry CORS too, so the site can show them', async () => {
    const { handler } = setup();
    for (const event of [httpEvent({ method: 'GET' }), httpEvent({ body: 'nope' }), formEvent(VALID_FORM, { headers: { origin: SITE_ORIGIN } })]) {
      assert.equal((await handler(event)).headers['access-control-allow-origin'], SITE_ORIGIN);
    }
  });
});

describe('SES failures', () => {
  test('answer 502 with an error and are logged', async () => {
    const log = capturingLog();
    const failure = Object.assign(new Error('Email address is not verified.'), {
      name: 'MessageRejected',
      $metadata: { httpStatusCode: 400, requestId: 'ses-req-1' },
    });
    const { handler } = setup({ ses: new RecordingSes().failWith(failure), log });
    const response = await handler(formEvent(VALID_FORM));
    assert.equal(response.statusCode, 502);
    assert.deepEqual(bodyOf(response), { error: 'Your message could not be sent right now. Please try again later.' });
    assert.equal(response.headers['access-control-allow-origin'], SITE_ORIGIN);
    assert.deepEqual(JSON.parse(log.lines.at(-1)), {
      event: 'contact-form.ses-failed',
      error: { name: 'MessageRejected', message: 'Email address is not verified.', httpStatusCode: 400, requestId: 'ses-req-1' },
    });
  });
});

describe('events that are not HTTP API events', () => {
  for (const event of [undefined, null, 'text', 42, [], {}, { requestContext: null }, { headers: [], body: {} }]) {
    test(`${JSON.stringify(event)} gets a 4xx, never an exception`, async () => {
      const { ses, handler } = setup();
      const response = await handler(event);
      assert.ok(response.statusCode >= 400 && response.statusCode < 500, String(response.statusCode));
      assert.equal(ses.sent.length, 0);
    });
  }
});
