// Trust boundaries as tests (issue 10): dev's and prod's policies as infra/ renders them, every
// attack path denied and every legitimate path allowed, decided by the evaluation the local cloud
// uses (src/iam). One test and one line per path.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { renderEnvironment, renderOrganization } from '../../checks/src/render/index.mjs';
import { createParser } from '../../checks/src/parse-cache.mjs';
import { evaluatePath, pathLine, trustLandscape } from '../src/iam/attack-paths.mjs';

const INFRA = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const parse = createParser();
const [dev, prod] = await Promise.all(['dev', 'prod'].map(environment => renderEnvironment({ infraDir: INFRA, environment, parse })));
const organization = await renderOrganization({ infraDir: INFRA, parse });
const { policies, paths } = trustLandscape(dev, prod, organization);

test('attack paths: there are attack paths and legitimate paths to evaluate', () => {
  assert.ok(paths.filter(p => p.expected === 'denied').length >= 10, 'attack paths');
  assert.ok(paths.filter(p => p.expected === 'allowed').length >= 10, 'legitimate paths');
  assert.equal(new Set(paths.map(p => p.name)).size, paths.length, 'every path has its own name');
  // The organisation's SCPs are evaluated: paths only they decide, both ways.
  assert.ok(paths.filter(p => p.name.startsWith('SCP: ') && p.expected === 'denied').length >= 8, 'SCP attack paths');
  assert.ok(paths.filter(p => p.name.startsWith('SCP: ') && p.expected === 'allowed').length >= 3, 'SCP legitimate paths');
});

for (const path of paths) {
  test(`${path.expected === 'denied' ? 'attack' : 'legitimate'}: ${path.name}`, async t => {
    const result = await evaluatePath(policies, path);
    const line = pathLine(path, result);
    t.diagnostic(line);
    assert.equal(result.outcome, path.expected, line);
  });
}

// The SCP paths are decided by the SCPs: with the organisation's own SCPs detached (FullAWSAccess only), every
// SCP attack path by an administrator is allowed.
test('attack paths: without the organisation\'s SCPs, the administrators\' SCP paths are allowed', async () => {
  const bare = trustLandscape(dev, prod, { ...organization, serviceControlPolicies: [] });
  const scpOnly = bare.paths.filter(p => p.name.startsWith('SCP: an administrator') && p.expected === 'denied');
  assert.ok(scpOnly.length >= 8, `${scpOnly.length} paths`);
  for (const path of scpOnly) assert.equal((await evaluatePath(bare.policies, path)).outcome, 'allowed', path.name);
});

test('attack paths: a request an SCP denies is refused naming the SCP statement and where infra/ writes it', async () => {
  const path = paths.find(p => p.name.startsWith('SCP: an administrator in shared services starts'));
  const { results } = await evaluatePath(policies, path);
  assert.match(results[0].refusal, /explicit deny in a service control policy \(statement OnlyItsPipelineStartsProdBuild of modules\/organization\/main\.tf data\.aws_iam_policy_document\.scp_way_to_production\)/);
});
