// The site endpoint: the site bucket behind the local edge that infra/modules/static-site
// configures (viewer-request function, security headers, custom error responses), and /api/*
// running the deployed contact-form code, whose mail lands in the SES emulator.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { assumeDeployRole, aws, CONTACT_FUNCTION, putArtifact, SITE_BUCKET, STORE, startTestCloud, zipOf } from './support.mjs';

const INFRA = new URL('../../', import.meta.url);
const CONTACT_FORM_SOURCE = new URL('../../../lambdas/contact-form/', import.meta.url);

// The security headers infra/modules/static-site asks CloudFront for, read from its HCL here (not
// through the edge's own reader) and written as CloudFront writes them.
async function expectedSecurityHeaders() {
  const read = async file => parse(file, readFileSync(new URL(`modules/static-site/${file}`, INFRA), 'utf8'));
  const [main, variables] = await Promise.all([read('main.tf'), read('variables.tf')]);
  const [policy] = main.resource.aws_cloudfront_response_headers_policy.security;
  const [config] = policy.security_headers_config;
  const [hsts] = config.strict_transport_security;
  assert.equal(config.content_security_policy[0].content_security_policy, '${var.content_security_policy}');
  return {
    'strict-transport-security': `max-age=${hsts.access_control_max_age_sec}${hsts.include_subdomains ? '; includeSubDomains' : ''}${hsts.preload ? '; preload' : ''}`,
    'x-content-type-options': 'nosniff',
    'x-frame-options': config.frame_options[0].frame_option,
    'referrer-policy': config.referrer_policy[0].referrer_policy,
    'x-xss-protection': '1; mode=block',
    'content-security-policy': variables.variable.content_security_policy[0].default,
  };
}

function assertSecurityHeaders(response, expected, what) {
  for (const [name, value] of Object.entries(expected)) assert.equal(response.headers.get(name), value, `${what}: ${name}`);
}

async function deployFunction(cloud, role, work, files, version) {
  const api = cloud.endpoints.api;
  const lambda = args => aws(['lambda', ...args], { endpoint: api, credentials: role });
  const key = `functions/contact-form/${version}.zip`;
  await putArtifact(cloud, 'eu-central-1', key, await zipOf(files), work);
  assert.equal((await lambda(['update-function-code', '--function-name', CONTACT_FUNCTION, '--s3-bucket', STORE['eu-central-1'], '--s3-key', key])).code, 0);
  assert.equal((await lambda(['wait', 'function-updated-v2', '--function-name', CONTACT_FUNCTION])).code, 0);
  const published = (await lambda(['publish-version', '--function-name', CONTACT_FUNCTION])).json.Version;
  assert.equal((await lambda(['update-alias', '--function-name', CONTACT_FUNCTION, '--name', 'live', '--function-version', published])).code, 0);
}

/** A GET with the path exactly as given (fetch would resolve dot segments itself). */
function rawGet(base, path) {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, method: 'GET' }, res => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', d => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, body }));
    }).on('error', reject).end();
  });
}

/** lambdas/contact-form as its package.json "files" ship it: index.mjs and src/. */
function contactFormFiles() {
  const files = { 'index.mjs': readFileSync(new URL('index.mjs', CONTACT_FORM_SOURCE), 'utf8') };
  for (const name of readdirSync(new URL('src/', CONTACT_FORM_SOURCE))) files[`src/${name}`] = readFileSync(new URL(`src/${name}`, CONTACT_FORM_SOURCE), 'utf8');
  return files;
}

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
  return { statusCode: 200, headers: { ...cors, 'content-type': 'application/json' }, body: JSON.stringify({ ok: true, id: sent.MessageId, base64: event.isBase64Encoded, routeKey: event.routeKey }) };
};
`;

describe('site endpoint', () => {
  let cloud;
  let site;
  let role;
  let work;
  let security;
  before(async () => {
    security = await expectedSecurityHeaders();
    cloud = await startTestCloud();
    site = cloud.endpoints.site;
    role = await assumeDeployRole(cloud.endpoints.api);
    work = mkdtempSync(join(tmpdir(), 'local-cloud-site-'));
    const root = join(work, 'public');
    mkdirSync(join(root, 'about'), { recursive: true });
    mkdirSync(join(root, 'v1.2'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<h1>Home</h1>');
    writeFileSync(join(root, 'about', 'index.html'), '<h1>About</h1>');
    writeFileSync(join(root, 'v1.2', 'index.html'), '<h1>Release</h1>');
    writeFileSync(join(root, '404.html'), '<h1>Not found</h1>');
    writeFileSync(join(root, 'app-1a2b.js'), 'console.log(1)');
    const sync = await aws(['s3', 'sync', root, `s3://${SITE_BUCKET}/`, '--only-show-errors'], { endpoint: cloud.endpoints.api, credentials: role });
    assert.equal(sync.code, 0, sync.stderr);
  });
  after(async () => {
    await cloud.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('maps folder paths to index.html as the viewer-request function does, and serves files as stored', async () => {
    const home = await fetch(`${site}/`);
    assert.equal(home.status, 200);
    assert.equal(await home.text(), '<h1>Home</h1>');
    assert.match(home.headers.get('content-type'), /^text\/html/);
    assert.equal(await (await fetch(`${site}/about/`)).text(), '<h1>About</h1>');
    const noSlash = await fetch(`${site}/about`, { redirect: 'manual' });
    assert.equal(noSlash.status, 200, 'S3 behind origin access control has no website redirects: the function rewrites');
    assert.equal(await noSlash.text(), '<h1>About</h1>');
    assert.equal(await (await fetch(`${site}/v1.2/`)).text(), '<h1>Release</h1>');
    assert.equal(await (await fetch(`${site}/about/?utm=x`)).text(), '<h1>About</h1>');
    const js = await fetch(`${site}/app-1a2b.js`);
    assert.equal(await js.text(), 'console.log(1)');
    const head = await fetch(`${site}/about/`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
  });

  it('answers a missing page with 404.html and status 404 (S3 says 403 without ListBucket)', async () => {
    for (const path of ['/no/such/page', '/no/such/page/', '/missing.js']) {
      const missing = await fetch(`${site}${path}`);
      assert.equal(missing.status, 404, path);
      assert.equal(await missing.text(), '<h1>Not found</h1>', path);
      assert.match(missing.headers.get('content-type'), /^text\/html/, path);
      assertSecurityHeaders(missing, security, `404 for ${path}`);
    }
  });

  it('never leaves the site bucket, whatever dot segments the path holds', async () => {
    for (const path of [`/../${SITE_BUCKET}/about/`, `/%2E%2E/${SITE_BUCKET}/about/index.html`, `/about/../../${SITE_BUCKET}/about/`]) {
      const r = await rawGet(site, path);
      assert.equal(r.status, 404, path);
      assert.equal(r.body, '<h1>Not found</h1>', path);
    }
    assert.equal((await rawGet(site, '/no/../about/')).body, '<h1>About</h1>', 'dot segments resolve as CloudFront resolves them');
  });

  it('refuses methods the default behaviour does not allow with 403, not the 404 page', async () => {
    for (const method of ['PUT', 'POST', 'DELETE', 'PATCH']) {
      const r = await fetch(`${site}/about/`, { method, body: method === 'DELETE' ? undefined : 'x' });
      assert.equal(r.status, 403, method);
      assert.doesNotMatch(await r.text(), /Not found/, method);
      assertSecurityHeaders(r, security, `${method} /about/`);
    }
  });

  it('sends the security headers of the response headers policy on pages and assets', async () => {
    for (const path of ['/', '/about/', '/app-1a2b.js']) assertSecurityHeaders(await fetch(`${site}${path}`), security, path);
  });

  it('answers /api/* as the HTTP API does, in JSON with the security headers, before and after a deploy', async () => {
    const early = await fetch(`${site}/api/contact`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(early.status, 503);
    assert.match((await early.json()).message, /no code deployed yet/);
    for (const [method, path] of [['POST', '/api/other'], ['GET', '/api/x'], ['GET', '/api/contact'], ['DELETE', '/api/contact']]) {
      const r = await fetch(`${site}${path}`, { method });
      assert.equal(r.status, 404, `${method} ${path}`);
      assert.match(r.headers.get('content-type'), /^application\/json/, `${method} ${path}`);
      assert.deepEqual(await r.json(), { message: 'Not Found' }, `${method} ${path} is API Gateway's answer, not the site's 404 page`);
      assertSecurityHeaders(r, security, `${method} ${path}`);
    }
  });

  it('runs the deployed contact-form code for POST /api/contact and the mail reaches the SES emulator', async () => {
    await deployFunction(cloud, role, work, { 'index.mjs': CONTACT_FORM }, '2.0.0');

    const preflight = await fetch(`${site}/api/contact`, { method: 'OPTIONS', headers: { origin: 'http://localhost:8080', 'access-control-request-method': 'POST' } });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'http://localhost:8080');
    assert.equal(preflight.headers.get('access-control-allow-methods'), 'POST', 'from the API\'s cors_configuration');
    const foreign = await fetch(`${site}/api/contact`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);

    const posted = await fetch(`${site}/api/contact`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Ada', email: 'ada@example.com', message: 'Hello from the local cloud' }),
    });
    assert.equal(posted.status, 200);
    assertSecurityHeaders(posted, security, 'POST /api/contact');
    const reply = await posted.json();
    assert.equal(reply.ok, true);
    assert.equal(reply.base64, false);
    assert.equal(reply.routeKey, 'POST /api/contact');

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

  it('passes the real contact-form function\'s JSON errors through to the browser', async () => {
    await deployFunction(cloud, role, work, contactFormFiles(), '3.0.0');
    const invalid = await fetch(`${site}/api/contact`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: '', email: 'nope', message: 'short' }) });
    assert.equal(invalid.status, 400);
    assert.match(invalid.headers.get('content-type'), /^application\/json/);
    const { errors } = await invalid.json();
    assert.ok(errors.email && errors.message, `field errors: ${JSON.stringify(errors)}`);
    assertSecurityHeaders(invalid, security, 'a bad POST /api/contact');

    const notJson = await fetch(`${site}/api/contact`, { method: 'POST', body: new URLSearchParams({ name: 'Bob' }) });
    assert.equal(notJson.status, 415);
    assert.match((await notJson.json()).error, /application\/json/);

    const empty = await fetch(`${site}/api/contact`, { method: 'POST', headers: { 'content-type': 'application/json' } });
    assert.equal(empty.status, 400);
    assert.match((await empty.json()).error, /empty/);
  });
});
