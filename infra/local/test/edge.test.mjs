// The local edge without a running cloud: its configuration read from infra/, CloudFront's path
// patterns, the viewer-request function run as CloudFront Functions run it, header policy
// override semantics, and the one-line startup failure when infra/ holds what it cannot resolve.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { compileViewerRequestFunction } from '../src/site/cloudfront-function.mjs';
import { edgeConfiguration, renderedResource } from '../src/site/edge-configuration.mjs';
import { pathPatternMatcher } from '../src/site/path-pattern.mjs';
import { applyHeadersPolicy, responseHeadersPolicy } from '../src/site/response-headers-policy.mjs';
import { createEdgeHandler } from '../src/site/site-endpoint.mjs';
import { renderedModel } from '../src/iam/rendered-model.mjs';
import { topologyFrom } from '../src/topology.mjs';
import { keyValueStoresOf } from './support.mjs';

const INFRA = fileURLToPath(new URL('../../', import.meta.url));
const topology = topologyFrom(JSON.parse(readFileSync(join(INFRA, 'environments.json'), 'utf8')));
const model = await renderedModel(join(INFRA, 'environments.json'));
const edge = edgeConfiguration({ model, keyValueStores: keyValueStoresOf(model) });
const siteBehaviour = edge.behaviours.find(b => b.origin.kind === 's3');

describe('path patterns', () => {
  it('match as CloudFront matches them: * spans slashes, ? is one character, case counts, the leading / is optional', () => {
    const api = pathPatternMatcher('/api/*');
    assert.ok(api('/api/contact'));
    assert.ok(api('/api/'));
    assert.ok(api('/api/a/b.json'));
    assert.ok(!api('/api'));
    assert.ok(!api('/API/contact'));
    assert.ok(!api('/site/api/x'));
    assert.ok(pathPatternMatcher('images/*.jpg')('/images/a/b.jpg'));
    assert.ok(pathPatternMatcher('/v?/*')('/v1/x'));
    assert.ok(!pathPatternMatcher('/v?/*')('/v10/x'));
    assert.ok(pathPatternMatcher('/a.b')('/a.b') && !pathPatternMatcher('/a.b')('/aXb'));
    assert.ok(pathPatternMatcher('*')('/anything/at/all'));
  });

  it('send /api/* to the API and everything else to the bucket, as the distribution orders its behaviours', () => {
    const originOf = path => edge.behaviours.find(b => b.match(path)).origin.kind;
    assert.equal(originOf('/api/contact'), 'http-api');
    assert.equal(originOf('/api/x/y'), 'http-api');
    assert.equal(originOf('/api'), 's3');
    assert.equal(originOf('/contact/'), 's3');
  });
});

describe('the viewer-request function of infra/modules/static-site', () => {
  const run = async (uri, query = '') => {
    const { request } = await siteBehaviour.viewerRequest.run({ method: 'GET', uri, query, headers: { host: 'localhost' } }, { distributionId: 'E1', viewerIp: '127.0.0.1' });
    return request;
  };

  it('maps directory paths to index.html and leaves files alone', async () => {
    assert.equal((await run('/')).uri, '/index.html');
    assert.equal((await run('/blog/')).uri, '/blog/index.html');
    assert.equal((await run('/blog')).uri, '/blog/index.html');
    assert.equal((await run('/posts/a.b/')).uri, '/posts/a.b/index.html');
    assert.equal((await run('/v1.2/notes')).uri, '/v1.2/notes/index.html');
    assert.equal((await run('/app-1234.js')).uri, '/app-1234.js');
    assert.equal((await run('/page-data/app-data.json')).uri, '/page-data/app-data.json');
    const withQuery = await run('/blog/', 'a=1&a=2&b=3');
    assert.equal(withQuery.uri, '/blog/index.html');
    assert.equal(withQuery.query, 'a=1&a=2&b=3', 'the query string survives the function unchanged');
  });
});

describe('CloudFront Functions as the local edge runs them', () => {
  const compile = code => compileViewerRequestFunction({ name: 'test', code, file: 'test.js', runtime: 'cloudfront-js-2.0' });

  it('hand the handler the event shape of CloudFront Functions', async () => {
    const fn = compile(`function handler(event) {
      return { statusCode: 200, statusDescription: 'OK', headers: { 'content-type': { value: 'application/json' } }, body: JSON.stringify(event) };
    }`);
    const { response } = await fn.run(
      { method: 'GET', uri: '/a', query: 'x=1&x=2&y=', headers: { host: 'example.com', 'user-agent': 'test', cookie: 'session=abc; theme=dark' } },
      { distributionId: 'E1', distributionDomainName: 'd.cloudfront.net', viewerIp: '192.0.2.1' });
    const event = JSON.parse(response.body.toString());
    assert.equal(event.version, '1.0');
    assert.equal(event.context.eventType, 'viewer-request');
    assert.equal(event.context.distributionId, 'E1');
    assert.match(event.context.requestId, /^\w+$/);
    assert.deepEqual(event.viewer, { ip: '192.0.2.1' });
    assert.equal(event.request.method, 'GET');
    assert.equal(event.request.uri, '/a');
    assert.deepEqual(event.request.querystring, { x: { value: '1', multiValue: [{ value: '1' }, { value: '2' }] }, y: { value: '' } });
    assert.deepEqual(event.request.headers, { host: { value: 'example.com' }, 'user-agent': { value: 'test' } });
    assert.deepEqual(event.request.cookies, { session: { value: 'abc' }, theme: { value: 'dark' } });
  });

  it('send a response the function returns to the viewer, with the behaviour\'s headers policy, and never ask the origin', async () => {
    const fn = compile(`function handler(event) {
      if (event.request.uri === '/old') return { statusCode: 301, statusDescription: 'Moved', headers: { location: { value: '/new/' } } };
      event.request.uri = '/rewritten.html';
      event.request.headers['x-seen'] = { value: 'yes' };
      return event.request;
    }`);
    const asked = [];
    const handle = createEdgeHandler({
      edge: { ...edge, behaviours: [{ ...siteBehaviour, viewerRequest: fn }] },
      readOrigin: async request => {
        asked.push(request);
        return { status: 200, headers: { 'content-type': 'text/html', 'x-frame-options': 'SAMEORIGIN' }, body: Readable.from([Buffer.from('page')]) };
      },
      api: null,
      log: () => {},
    });
    const moved = await call(handle, 'GET', '/old');
    assert.equal(moved.status, 301);
    assert.equal(moved.headers.location, '/new/');
    assert.equal(moved.headers['x-frame-options'], 'DENY');
    assert.equal(asked.length, 0);

    const page = await call(handle, 'GET', '/other');
    assert.equal(page.body, 'page');
    assert.equal(asked[0].key, 'rewritten.html');
    assert.equal(asked[0].bucket, topology.site.bucket);
    assert.equal(page.headers['x-frame-options'], 'DENY', 'override = true replaces the origin\'s header');
  });

  it('answer 503 when the function throws, as CloudFront does', async () => {
    const handle = createEdgeHandler({
      edge: { ...edge, behaviours: [{ ...siteBehaviour, viewerRequest: compile('function handler(event) { throw new Error("boom"); }') }] },
      readOrigin: async () => assert.fail('no origin request'), api: null, log: () => {},
    });
    assert.equal((await call(handle, 'GET', '/')).status, 503);
  });
});

describe('response headers policies', () => {
  it('add a header without override only when the origin sent none', () => {
    // A rendered aws_cloudfront_response_headers_policy, as infra/checks/src/render evaluates one.
    const policy = responseHeadersPolicy(renderedResource({
      origin: 'test aws_cloudfront_response_headers_policy.p',
      unknown: {},
      config: {
        name: 'p',
        id: 'policy-id',
        security_headers_config: [{
          frame_options: [{ frame_option: 'SAMEORIGIN', override: false }],
          strict_transport_security: [{ access_control_max_age_sec: 300, override: true }],
        }],
        custom_headers_config: [{ items: [{ header: 'X-Served-By', value: 'edge', override: false }] }],
        remove_headers_config: [{ items: [{ header: 'Server' }] }],
      },
    }));
    assert.deepEqual(applyHeadersPolicy(policy, { 'x-frame-options': 'DENY', server: 'AmazonS3', 'strict-transport-security': 'max-age=1' }),
      { 'x-frame-options': 'DENY', 'strict-transport-security': 'max-age=300', 'x-served-by': 'edge' });
    assert.deepEqual(applyHeadersPolicy(policy, {}), { 'x-frame-options': 'SAMEORIGIN', 'strict-transport-security': 'max-age=300', 'x-served-by': 'edge' });
  });
});

describe('configuration errors', () => {
  // A copy of infra/ (what the renderer reads), so one value can be broken.
  function infraCopy() {
    const dir = mkdtempSync(join(tmpdir(), 'edge-infra-'));
    for (const part of ['modules', 'live', 'environments.json']) cpSync(join(INFRA, part), join(dir, 'infra', part), { recursive: true });
    return join(dir, 'infra');
  }
  const edgeOf = async infra => {
    const copied = await renderedModel(join(infra, 'environments.json'));
    return edgeConfiguration({ model: copied, keyValueStores: keyValueStoresOf(copied) });
  };

  it('stop the site endpoint at startup with one line naming the unit, the attribute and why', async () => {
    const infra = infraCopy();
    try {
      const variables = join(infra, 'modules/static-site/variables.tf');
      const text = readFileSync(variables, 'utf8');
      const broken = text.replace(/(variable "content_security_policy" \{[\s\S]*?)\n\s*default\s*=.*\n/, '$1\n');
      assert.notEqual(broken, text);
      writeFileSync(variables, broken);
      const error = await edgeOf(infra).then(() => assert.fail('the edge took a policy without a CSP'), err => err);
      assert.doesNotMatch(error.message, /\n/);
      assert.match(error.message, /^live\/local\/eu-central-1\/static-site aws_cloudfront_response_headers_policy\.security\.security_headers_config is not known: .*var\.content_security_policy \(modules\/static-site\/variables\.tf\) is required, but no value is given$/);
    } finally {
      rmSync(join(infra, '..'), { recursive: true, force: true });
    }
  });

  it('refuse what the edge does not model instead of ignoring it', async () => {
    const infra = infraCopy();
    try {
      const main = join(infra, 'modules/static-site/main.tf');
      writeFileSync(main, readFileSync(main, 'utf8').replace('event_type   = "viewer-request"', 'event_type   = "viewer-response"'));
      await assert.rejects(edgeOf(infra),
        /^Error: live\/local\/eu-central-1\/static-site aws_cloudfront_distribution\.site\.default_cache_behavior\[0\]\.function_association\[0\]\.event_type viewer-response is not modelled/);
    } finally {
      rmSync(join(infra, '..'), { recursive: true, force: true });
    }
  });
});

/** Runs the edge handler on a fake request; resolves { status, headers, body }. */
function call(handle, method, url) {
  const req = Readable.from([]);
  Object.assign(req, { method, url, headers: { host: 'localhost' }, socket: { remoteAddress: '127.0.0.1' } });
  return new Promise((resolve, reject) => {
    const chunks = [];
    const res = new Writable({
      write(chunk, _encoding, done) {
        chunks.push(Buffer.from(chunk));
        done();
      },
    });
    res.writeHead = (status, headers) => Object.assign(res, { status, headers });
    res.on('finish', () => resolve({ status: res.status, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    handle(req, res).catch(reject);
  });
}
