import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHECKS } from '../src/run-checks.mjs';
import { realFindings } from './support/infra-copy.mjs';

for (const check of CHECKS) {
  test(`${check.name}: the real infra tree passes`, async () => {
    assert.deepEqual(await realFindings(check.name), []);
  });
}

test('the real tree has the modules and units the design names', async () => {
  const { loadInfraTree } = await import('../src/infra-tree.mjs');
  const { REAL_INFRA } = await import('./support/infra-copy.mjs');
  const tree = await loadInfraTree(REAL_INFRA);
  for (const module of ['artifact-store', 'pipeline', 'deploy-role', 'static-site', 'contact-api', 'mail-forwarder', 'organization', 'state-backend', 'private-bucket', 'lambda-function', 'service-role', 'ses-domain']) {
    assert.ok(tree.modules.has(module), `modules/${module}`);
  }
  assert.ok(tree.units.length >= 19, `found ${tree.units.length} units`);
  // Shared definitions are included by units, never units themselves.
  assert.ok(tree.files.some((file) => file.path.startsWith('live/_envcommon/')));
  assert.ok(tree.units.every((unit) => !unit.dir.includes('_envcommon')));
  // Units deployed once per environment are only their includes; unit-copies leaves those out.
  const includeOnly = tree.units.filter((unit) => Object.keys(unit.file.body).every((key) => key === 'include'));
  assert.ok(includeOnly.length >= 12, `found ${includeOnly.length} units that are only includes`);
  assert.ok(tree.files.every((file) => file.body !== null));
});
