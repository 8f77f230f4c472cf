// The release router (infra/modules/static-site/directory-index.js) as the local edge runs it, against the key
// value store the deploy writes: no live release (a site deployed in place) → only the directory index; a live
// release → the URI rewritten into the release that stores each path's bytes; a preview host → that release.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { edgeConfiguration } from '../src/site/edge-configuration.mjs';
import { renderedModel } from '../src/iam/rendered-model.mjs';
import { keyValueStoresOf } from './support.mjs';

const INFRA = fileURLToPath(new URL('../../', import.meta.url));
const model = await renderedModel(join(INFRA, 'environments.json'));

function edgeWith(items) {
  const stores = keyValueStoresOf(model);
  const [arn] = stores.arns;
  if (Object.keys(items).length) stores.update(arn, stores.describe(arn).etag, { puts: Object.entries(items).map(([key, value]) => ({ key, value })) });
  const site = edgeConfiguration({ model, keyValueStores: stores }).behaviours.find(b => b.origin.kind === 's3');
  return async (uri, host = 'localhost:8080') =>
    (await site.viewerRequest.run({ method: 'GET', uri, query: '', headers: { host } }, { distributionId: 'E1', viewerIp: '127.0.0.1' })).request.uri;
}

describe('the release router', () => {
  it('keeps the directory index alone while the store names no live release (in-place mode)', async () => {
    const route = edgeWith({});
    assert.equal(await route('/blog/'), '/blog/index.html');
    assert.equal(await route('/app-0123456789abcdef0123.js'), '/app-0123456789abcdef0123.js');
  });

  it('serves each path from the last release at or below the live one that wrote it, else from release 1', async () => {
    const route = edgeWith({ live: '5 4', '/blog/index.html': '3 6', '/old/index.html': '-4', '/page-data/app-data.json': '2 5', '/app-0123456789abcdef0123.js': '*6' });
    assert.equal(await route('/blog/'), '/_releases/3/blog/index.html');          // 6 is newer than live: a preview's entry
    assert.equal(await route('/about'), '/_releases/1/about/index.html');          // never changed since the first release
    assert.equal(await route('/page-data/app-data.json'), '/_releases/5/page-data/app-data.json');
    assert.equal(await route('/old/'), '/_releases/4/old/index.html');             // dropped in 4: no object there, so a 404
    assert.equal(await route('/app-0123456789abcdef0123.js'), '/_releases/6/app-0123456789abcdef0123.js'); // a hashed asset: for every release
  });

  it('serves a preview host its own release, live or not', async () => {
    const route = edgeWith({ live: '5', '/blog/index.html': '3 6' });
    assert.equal(await route('/blog/', 'r6.preview.localhost:8080'), '/_releases/6/blog/index.html');
    assert.equal(await route('/blog/', 'r2.preview.localhost:8080'), '/_releases/1/blog/index.html');
    assert.equal(await route('/blog/', 'r6.other.localhost'), '/_releases/3/blog/index.html');
  });

  it('looks paths up decoded, as the deploy names them, and keeps the URI encoded', async () => {
    const route = edgeWith({ live: '2', '/a b/index.html': '2' });
    assert.equal(await route('/a%20b/'), '/_releases/2/a%20b/index.html');
  });
});
