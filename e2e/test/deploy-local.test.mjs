// End to end, as a newcomer meets it: ./build.sh Deploy to the local cloud, then use the site.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LinkChecker } from 'linkinator';
import { chromium } from 'playwright-core';
import { aws, build, freePorts, repositoryRoot } from '../support.mjs';

const environments = JSON.parse(await readFile(path.join(repositoryRoot, 'infra/environments.json'), 'utf8'));
const local = environments.environments.local;
const buildIdentity = { accessKeyId: 'AKIALOCALBUILD00000', secretAccessKey: 'local-build-secret' };

const ports = await freePorts(['api', 'site', 'ses', 's3']);
const stateDirectory = await mkdtemp(path.join(os.tmpdir(), 'local-cloud-e2e-'));
const localArguments = [
  '--environment', 'local',
  '--local-api-port', `${ports.api}`, '--local-site-port', `${ports.site}`,
  '--local-ses-port', `${ports.ses}`, '--local-s3-port', `${ports.s3}`,
  '--local-state-directory', stateDirectory,
];
const api = `http://127.0.0.1:${ports.api}`;
let firstDeploy = '';
// Taken from what the deploy prints, as a newcomer would: the site and where the mail can be read.
let siteUrl = `http://127.0.0.1:${ports.site}/`;
let mailUrl = `http://127.0.0.1:${ports.ses}/`;

before(async () => {
  firstDeploy = await build(['Deploy', ...localArguments]);
  siteUrl = firstDeploy.match(/^Site: (http\S+)$/m)?.[1] ?? siteUrl;
  mailUrl = firstDeploy.match(/^Mail: (http\S+?)\s/m)?.[1] ?? mailUrl;
}, { timeout: 20 * 60_000 });

after(async () => {
  const down = await build(['LocalDown', ...localArguments]).catch((e) => e.message);
  await rm(stateDirectory, { recursive: true, force: true });
  // Nothing may keep listening once the local cloud is down.
  for (const port of Object.values(ports)) {
    const answered = await fetch(`http://127.0.0.1:${port}/`).then(() => true, () => false);
    assert.equal(answered, false, `port ${port} still answers after LocalDown: ${down}`);
  }
});

test('the deploy ends by printing the site URL and where to read the mail', async () => {
  const [site, mail] = firstDeploy.trim().split('\n').slice(-2);
  assert.match(site, new RegExp(`^Site: http://(localhost|127\\.0\\.0\\.1):${ports.site}/$`));
  assert.match(mail, new RegExp(`^Mail: http://(localhost|127\\.0\\.0\\.1):${ports.ses}/`));
  const page = await fetch(siteUrl);
  assert.equal(page.status, 200, `${siteUrl} answers ${page.status}`);
  assert.match(await page.text(), /<title[ >][^<]+<\/title>/);
});

test('every link and asset of the served site resolves', async () => {
  const checker = new LinkChecker();
  const result = await checker.check({ path: siteUrl, recurse: true, timeout: 10_000, concurrency: 8 });
  const broken = result.links.filter((l) => l.state === 'BROKEN' && l.url.startsWith(siteUrl));
  assert.deepEqual(broken.map((l) => `${l.status} ${l.url} (on ${l.parent})`), []);
  const pages = result.links.filter((l) => l.url.startsWith(siteUrl) && l.state === 'OK');
  assert.ok(pages.length >= 10, `only ${pages.length} links were crawled: is the site deployed?`);
});

// What a visitor's browser reports. A CSP violation is also a console error in Chromium; the
// listener makes the reason explicit (which directive, which resource).
const CHROMIUM_ARGUMENTS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const SECURITY_HEADERS = ['content-security-policy', 'strict-transport-security', 'x-content-type-options', 'x-frame-options',
  'referrer-policy', 'x-xss-protection'];

async function withBrowser(use) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGUMENTS });
  try {
    return await use(browser);
  } finally {
    await browser.close();
  }
}

/** A page that records every console error, uncaught exception and CSP violation as one line each. */
async function watchedPage(browser) {
  const page = await browser.newPage();
  const problems = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline code'} (${e.sourceFile || document.location.pathname}:${e.lineNumber})`);
    });
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error on ${new URL(page.url()).pathname}: ${message.text()} ${message.location()?.url ?? ''}`.trim());
  });
  page.on('pageerror', (error) => problems.push(`uncaught exception on ${new URL(page.url()).pathname}: ${error.message}`));
  return { page, problems };
}

test('every page a visitor reaches runs without console errors or CSP violations and carries the security headers', async () => {
  await withBrowser(async (browser) => {
    const { page, problems } = await watchedPage(browser);
    const home = await page.goto(siteUrl, { waitUntil: 'networkidle' });
    const postPath = await page.locator('li.post-summary h2 a').first().getAttribute('href');
    assert.ok(postPath, 'the home page lists no post');
    const visits = [['home', home]];
    for (const [name, path] of [['a post', postPath], ['contact', '/contact/'], ['the missing page', '/no/such/page/']]) {
      visits.push([name, await page.goto(new URL(path, siteUrl).href, { waitUntil: 'networkidle' })]);
    }
    const [, missing] = visits.at(-1);
    assert.equal(missing.status(), 404, 'a missing page answers 404');
    assert.equal(await page.locator('h1').textContent(), 'Page not found');

    for (const [name, response] of visits) {
      const headers = response.headers();
      const absent = SECURITY_HEADERS.filter((h) => !headers[h]);
      assert.deepEqual(absent, [], `${name} (${response.url()}) lacks security headers`);
      assert.equal(headers['x-frame-options'], 'DENY', name);
      assert.equal(headers['x-content-type-options'], 'nosniff', name);
    }
    // The missing page's own 404s (the document and its page data) are what a visitor's browser logs
    // there too; anything else is a problem.
    const expected = (line) => /on \/no\/such\/page\/: Failed to load resource: the server responded with a status of 404/.test(line);
    assert.deepEqual(problems.filter((line) => !expected(line)), []);
  });
});

test('links navigate inside the app, and the contact form sends a mail that reaches the SES emulator', async () => {
  const marker = `e2e-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  await withBrowser(async (browser) => {
    const { page, problems } = await watchedPage(browser);
    await page.goto(siteUrl, { waitUntil: 'networkidle' });
    // Gatsby's router changes the page without a reload: what this window holds survives.
    await page.evaluate(() => { window.e2eNavigationMarker = 'still here'; });
    await page.locator('nav[aria-label="Main"] a[href="/contact/"]').click();
    await page.waitForURL(new URL('contact/', siteUrl).href);
    await page.locator('h1', { hasText: 'Contact' }).waitFor();
    assert.equal(await page.evaluate(() => window.e2eNavigationMarker), 'still here', 'following the link reloaded the page');

    await page.fill('#name', 'Ada Lovelace');
    await page.fill('#email', 'ada@example.com');
    await page.fill('#message', `Hello from the end-to-end test, ${marker}.`);
    await page.click('button[type=submit]');
    await page.getByText(/Thank you/).waitFor({ timeout: 30_000 });
    assert.deepEqual(problems, []);
  });

  let store = '';
  for (let attempt = 0; attempt < 50 && !store.includes(marker); attempt++) {
    store = await fetch(new URL('store', mailUrl)).then((r) => r.text());
    if (!store.includes(marker)) await new Promise((r) => setTimeout(r, 200));
  }
  assert.ok(store.includes(marker), 'the mail with the form\'s message never reached the SES emulator');
  const mail = JSON.parse(store).emails.find((e) => JSON.stringify(e).includes(marker));
  assert.match(JSON.stringify(mail), new RegExp(local.functions['contact-form'].environment.RECIPIENT));
});

test('errors under /api/ reach the browser as the API\'s JSON, not as the site\'s 404 page', async () => {
  const unknown = await fetch(new URL('api/x', siteUrl));
  assert.equal(unknown.status, 404);
  assert.deepEqual(await unknown.json(), { message: 'Not Found' });
  const bad = await fetch(new URL('api/contact', siteUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":""}' });
  assert.equal(bad.status, 400);
  assert.ok((await bad.json()).errors, 'field errors as JSON');
});

test('a second deploy with no change uploads nothing and updates no function', async () => {
  const before = await remoteState();
  const second = await build(['Deploy', ...localArguments]);
  const after = await remoteState();
  assert.deepEqual(after, before, `the second deploy changed remote state:\n${second.slice(-3000)}`);
});

test('a targeted deploy with --skip reuses the packaged artifacts and starts nothing it does not need', async () => {
  const before = await remoteState();
  const output = await build(['DeploySite', '--skip', ...localArguments]);
  assert.match(output, /Reusing artifacts\/ from version \S+ at [0-9a-f]+ \(Package skipped\)/);
  assert.match(output, /Writes the site\b/);
  assert.match(output, /^site: 0 objects uploaded/m);
  assert.doesNotMatch(output, /^function /m);
  assert.deepEqual(await remoteState(), before, `DeploySite --skip changed remote state:\n${output.slice(-3000)}`);
});

test('in CodeBuild, DEPLOY_PARTS narrows the one ./build.sh Deploy to the functions: the site is neither built nor touched', async () => {
  const before = await remoteState();
  const output = await build(['Deploy', ...localArguments], {
    CODEBUILD_BUILD_ID: 'jamstack-build:e2e-deploy-parts', CODEBUILD_INITIATOR: 'codepipeline/jamstack', DEPLOY_PARTS: 'functions',
  });
  assert.match(output, /on CodeBuild \(jamstack-build:e2e-deploy-parts\)/);
  assert.match(output, /Writes functions contact-form, mail-forwarder \(no site \(--deploy-parts \(DEPLOY_PARTS\)\)\)/);
  for (const target of ['CompileSite', 'PackageSite', 'DeploySite'])
    assert.match(output, new RegExp(`^${target} +Skipped`, 'm'), `${target} ran:\n${output.slice(-3000)}`);
  assert.match(output, /^function contact-form: unchanged/m);
  assert.deepEqual(await remoteState(), before, `the narrowed deploy changed remote state:\n${output.slice(-3000)}`);
});

/** What a deploy could change: site objects, artifact objects, function code and aliases. */
async function remoteState() {
  const role = (await aws(api, ['sts', 'assume-role', '--role-arn', local.deployRole, '--role-session-name', 'e2e'], buildIdentity)).Credentials;
  const roleCredentials = { accessKeyId: role.AccessKeyId, secretAccessKey: role.SecretAccessKey, sessionToken: role.SessionToken };
  const objects = async (bucket, region, credentials) =>
    ((await aws(api, ['s3api', 'list-objects-v2', '--bucket', bucket], { ...credentials, region })).Contents ?? [])
      .map((o) => `${o.Key} ${o.ETag} ${o.LastModified}`).sort();

  const state = { site: await objects(local.site.bucket, local.site.region, roleCredentials), artifacts: {}, functions: {} };
  assert.ok(state.site.length > 10, 'the site bucket is nearly empty');
  const store = environments.artifactStores[local.artifactStore];
  for (const [region, { bucket }] of Object.entries(store.regions))
    state.artifacts[region] = await objects(bucket, region, buildIdentity);
  for (const [name, fn] of Object.entries(local.functions)) {
    const credentials = { ...roleCredentials, region: fn.region };
    const configuration = await aws(api, ['lambda', 'get-function-configuration', '--function-name', fn.functionName], credentials);
    const alias = await aws(api, ['lambda', 'get-alias', '--function-name', fn.functionName, '--name', fn.alias], credentials);
    state.functions[name] = { sha: configuration.CodeSha256, modified: configuration.LastModified, alias: alias.FunctionVersion };
  }
  return state;
}
