// The site endpoint: the site bucket served like CloudFront + S3 website hosting, and
// POST /api/contact running the deployed contact-form code, whose mail lands in the SES emulator.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assumeDeployRole, aws, CONTACT_FUNCTION, putArtifact, SITE_BUCKET, STORE, startTestCloud, zipOf } from './support.mjs';

// A contact-form handler like the real one: HTTP API event in, one SES v2 mail out. The SDK is
// not in the zip: the local runtime provides it, as Lambda's Node.js runtime does.
const CONTACT_FORM = `import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
const ses = new SESv2Client({});
const cors = { 'access-control-allow-origin': process.env.ALLOWED_ORIGIN };
export const handler = async (event) => {
  if (event.requestContext.http.method === 'OPTIONS') return { statusCode: 204, headers: { ...cors, 'access-control-allow-methods': 'POST' } };
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  const form = event.headers['content-type'].startsWith('application/json') ? JSON.parse(text) : Object.fromEntries(new URLSearchParams(text));
  const sent = await ses.send(new SendEmailCommand({
    FromEmailAddress: process.env.SENDER,
    Destination: { ToAddresses: [process.env.RECIPIENT] },
    ReplyToAddresses: [form.email],
    Content: { Simple: { Subject: { Data: 'Contact from ' + form.name }, Body: { Text: { Data: form.message } } } },
  }));
  return { statusCode: 200, headers: { ...cors, 'content-type': 'application/json' }, body: JSON.stringify({ ok: true, id: sent.MessageId, base64: event.isBase64Encoded }) };
};
`;

describe('site endpoint', () => {
  let cloud;
  let site;
  let role;
  let work;
  before(async () => {
    cloud = await startTestCloud();
    site = cloud.endpoints.site;
    role = await assumeDeployRole(cloud.endpoints.api);
    work = mkdtempSync(join(tmpdir(), 'local-cloud-site-'));
    const root = join(work, 'public');
    mkdirSync(join(root, 'about'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<h1>Home</h1>');
    writeFileSync(join(root, 'about', 'index.html'), '<h1>About</h1>');
    writeFileSync(join(root, '404.html'), '<h1>Not found</h1>');
    writeFileSync(join(root, 'app-1a2b.js'), 'console.log(1)');
    const sync = await aws(['s3', 'sync', root, `s3://${SITE_BUCKET}/`, '--only-show-errors'], { endpoint: cloud.endpoints.api, credentials: role });
    assert.equal(sync.code, 0, sync.stderr);
  });
  after(async () => {
    await cloud.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('serves index.html for folders, files as stored, and 404.html with status 404', async () => {
    const home = await fetch(`${site}/`);
    assert.equal(home.status, 200);
    assert.equal(await home.text(), '<h1>Home</h1>');
    assert.equal(await (await fetch(`${site}/about/`)).text(), '<h1>About</h1>');
    const redirect = await fetch(`${site}/about`, { redirect: 'manual' });
    assert.equal(redirect.status, 302);
    assert.equal(redirect.headers.get('location'), '/about/');
    const js = await fetch(`${site}/app-1a2b.js`);
    assert.equal(await js.text(), 'console.log(1)');
    const missing = await fetch(`${site}/no/such/page`);
    assert.equal(missing.status, 404);
    assert.equal(await missing.text(), '<h1>Not found</h1>');
    assert.equal((await fetch(`${site}/`, { method: 'DELETE' })).status, 403);
  });

  it('answers /api/contact with 503 until contact-form code is deployed', async () => {
    const r = await fetch(`${site}/api/contact`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(r.status, 503);
    assert.match((await r.json()).message, /no code deployed yet/);
    assert.equal((await fetch(`${site}/api/other`, { method: 'POST' })).status, 404);
  });

  it('runs the deployed contact-form code for POST /api/contact and the mail reaches the SES emulator', async () => {
    const api = cloud.endpoints.api;
    const lambda = args => aws(['lambda', ...args], { endpoint: api, credentials: role });
    await putArtifact(cloud, 'eu-central-1', 'functions/contact-form/2.0.0.zip', await zipOf({ 'index.mjs': CONTACT_FORM }), work);
    assert.equal((await lambda(['update-function-code', '--function-name', CONTACT_FUNCTION, '--s3-bucket', STORE['eu-central-1'], '--s3-key', 'functions/contact-form/2.0.0.zip'])).code, 0);
    assert.equal((await lambda(['wait', 'function-updated-v2', '--function-name', CONTACT_FUNCTION])).code, 0);
    const version = (await lambda(['publish-version', '--function-name', CONTACT_FUNCTION])).json.Version;
    assert.equal((await lambda(['update-alias', '--function-name', CONTACT_FUNCTION, '--name', 'live', '--function-version', version])).code, 0);

    const preflight = await fetch(`${site}/api/contact`, { method: 'OPTIONS', headers: { origin: 'http://localhost:8080' } });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'http://localhost:8080');

    const posted = await fetch(`${site}/api/contact`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Ada', email: 'ada@example.com', message: 'Hello from the local cloud' }),
    });
    assert.equal(posted.status, 200);
    const reply = await posted.json();
    assert.equal(reply.ok, true);
    assert.equal(reply.base64, false);

    const form = await fetch(`${site}/api/contact`, { method: 'POST', body: new URLSearchParams({ name: 'Bob', email: 'bob@example.com', message: 'form post' }) });
    assert.equal(form.status, 200);
    assert.equal((await form.json()).base64, true, 'HTTP APIs base64-encode form bodies');

    const { emails } = await (await fetch(cloud.endpoints.sesStore)).json();
    const mail = emails.find(e => e.messageId === reply.id);
    assert.ok(mail, `mail ${reply.id} is in the store`);
    assert.equal(mail.subject, 'Contact from Ada');
    assert.deepEqual(mail.destination.to, ['owner@blog.example.com']);
    assert.equal(mail.from, 'contact@blog.example.com');
    assert.equal(mail.body.text, 'Hello from the local cloud');
    assert.ok(emails.some(e => e.subject === 'Contact from Bob'));
    assert.ok(cloud.logLines.some(l => l.includes('/v2/email/outbound-emails ses function eu-central-1 → 200')), 'the function signed its SES call with its execution role');
  });
});
