// CloudFront Functions 2.0's key value store helper as the local edge runs it: the import statement CloudFront
// accepts (and the ones it refuses), cf.kvs().get/exists/meta on the associated store, and an association the edge
// refuses at startup as CloudFront would.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileViewerRequestFunction } from '../src/site/cloudfront-function.mjs';
import { edgeConfiguration } from '../src/site/edge-configuration.mjs';
import { KeyValueStores } from '../src/services/key-value-store/stores.mjs';
import { renderedModel } from '../src/iam/rendered-model.mjs';
import { keyValueStoresOf } from './support.mjs';

const INFRA = fileURLToPath(new URL('../../', import.meta.url));
const ARN = 'arn:aws:cloudfront::000000000000:key-value-store/a1b2c3d4-5678-40ab-8def-0123456789ab';
const CONTEXT = { distributionId: 'E1', distributionDomainName: 'd.cloudfront.net', viewerIp: '192.0.2.1' };

function storeWith(items) {
  const stores = new KeyValueStores({ stores: [{ arn: ARN, name: 'releases' }], stateFile: join(mkdtempSync(join(tmpdir(), 'kvs-edge-')), 'stores.json'), clock: { now: () => Date.UTC(2026, 0, 2) } });
  stores.update(ARN, stores.describe(ARN).etag, { puts: Object.entries(items).map(([key, value]) => ({ key, value })) });
  return stores;
}

/** Compiles `body` (the handler's statements, with `kvs` in scope) and returns what the handler returns as the response body. */
function handlerOf(body, { stores = storeWith({}), runtime = 'cloudfront-js-2.0', prelude = "import cf from 'cloudfront';\nconst kvs = cf.kvs();" } = {}) {
  const fn = compileViewerRequestFunction({
    name: 'release-switch', file: 'release-switch.js', runtime, keyValueStore: { arn: ARN, stores },
    code: `${prelude}\nasync function handler(event) {\n${body}\n}`,
  });
  return async () => {
    const { response } = await fn.run({ method: 'GET', uri: '/', query: '', headers: {} }, CONTEXT);
    return JSON.parse(response.body.toString());
  };
}
const answer = expression => `return { statusCode: 200, body: JSON.stringify(${expression}) };`;

describe('the cloudfront module of runtime 2.0', () => {
  it('reads the associated store as string, json and bytes, says whether a key exists, and describes the store', async () => {
    const stores = storeWith({ live: '{"id":"r-2","at":"2026-01-02"}', note: 'ünïcode' });
    const result = await handlerOf(`
      const live = await kvs.get('live', { format: 'json' });
      const bytes = await kvs.get('note', { format: 'bytes' });
      return { statusCode: 200, body: JSON.stringify({ id: live.id, text: await kvs.get('note'), length: bytes.length,
        live: await kvs.exists('live'), missing: await kvs.exists('missing'), meta: await kvs.meta() }) };`, { stores })();
    assert.equal(result.id, 'r-2');
    assert.equal(result.text, 'ünïcode');
    assert.equal(result.length, Buffer.byteLength('ünïcode'));
    assert.equal(result.live, true);
    assert.equal(result.missing, false);
    assert.deepEqual(result.meta, { creationDateTime: '2026-01-02T00:00:00.000Z', lastUpdatedDateTime: '2026-01-02T00:00:00.000Z', keyCount: 2 });
  });

  it('rejects get() for a missing key, so a function catches it as on CloudFront', async () => {
    const result = await handlerOf(`try { await kvs.get('missing'); return { statusCode: 500 }; } catch (err) { ${answer('String(err.message)')} }`)();
    assert.match(result, /missing.*does not exist/);
  });

  it('takes cf.kvs(id) for the associated store only, and require() as well as import', async () => {
    const id = ARN.split('/').pop();
    const stores = storeWith({ live: 'r-1' });
    assert.equal(await handlerOf(answer("await cf.kvs('" + id + "').get('live')"), { stores, prelude: "const cf = require('cloudfront');" })(), 'r-1');
    const other = handlerOf(answer("await cf.kvs('another-store').get('live')"), { stores, prelude: "import cf from 'cloudfront';" });
    await assert.rejects(other(), /associated with store a1b2c3d4-5678-40ab-8def-0123456789ab only/);
  });

  it('refuses import forms CloudFront does not document, and any import in runtime 1.0, naming the line', () => {
    assert.throws(() => handlerOf(answer('1'), { prelude: "import { kvs } from 'cloudfront';" }), /release-switch\.js:1: only the default import form/);
    assert.throws(() => handlerOf(answer('1'), { runtime: 'cloudfront-js-1.0', prelude: "// the switch\nimport cf from 'cloudfront';" }), /release-switch\.js:2: import statements need runtime cloudfront-js-2\.0/);
    assert.throws(() => handlerOf(answer('1'), { prelude: "import crypto from 'crypto';" }), /module "crypto" is not available/);
  });
});

describe('key value store associations', () => {
  it('give the static-site function the site\'s store, the one environments.json names', async () => {
    const model = await renderedModel(join(INFRA, 'environments.json'));
    const stores = keyValueStoresOf(model);
    const environments = JSON.parse(readFileSync(join(INFRA, 'environments.json'), 'utf8'));
    assert.deepEqual(stores.arns, [environments.environments.local.site.keyValueStoreArn]);
    const edge = edgeConfiguration({ model, keyValueStores: stores });
    assert.ok(edge.behaviours.find(b => b.origin.kind === 's3').viewerRequest);
  });

  it('stop the start when a function with a store runs on runtime 1.0, as CloudFront refuses it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edge-kvs-infra-'));
    try {
      for (const part of ['modules', 'live', 'environments.json']) cpSync(join(INFRA, part), join(dir, 'infra', part), { recursive: true });
      const main = join(dir, 'infra/modules/static-site/main.tf');
      writeFileSync(main, readFileSync(main, 'utf8').replace('runtime                      = "cloudfront-js-2.0"', 'runtime                      = "cloudfront-js-1.0"'));
      const model = await renderedModel(join(dir, 'infra', 'environments.json'));
      assert.throws(() => edgeConfiguration({ model, keyValueStores: keyValueStoresOf(model) }),
        /^Error: live\/local\/eu-central-1\/static-site aws_cloudfront_function\.directory_index\.key_value_store_associations: a KeyValueStore needs runtime cloudfront-js-2\.0, not cloudfront-js-1\.0$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
