// Source choice (issue 10, item 6): an environment's pipelines read CodeCommit or GitHub/GitLab/Bitbucket through
// a connection of its own, chosen in environments.json. Rendered from infra/ with environments.json changed in
// memory (dev on GitHub, prod on CodeCommit, then both on connections), and decided by the local cloud's IAM
// evaluation: the full clone's grants, the connection kept to its environment, and every trust path as before.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadInfraTree } from '../../checks/src/infra-tree.mjs';
import { createParser } from '../../checks/src/parse-cache.mjs';
import { renderEnvironment, renderOrganization } from '../../checks/src/render/index.mjs';
import { evaluatePath, pathLine, trustLandscape } from '../src/iam/attack-paths.mjs';

const INFRA = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const parse = createParser();
const real = await loadInfraTree(INFRA, { parse });

/** dev's and prod's rendered models and the organisation with these sources (undefined: as environments.json says). */
async function render(sources) {
  const tree = { ...real, environments: structuredClone(real.environments) };
  for (const [key, source] of Object.entries(sources)) tree.environments.environments[key].source = source;
  const models = await Promise.all(['dev', 'prod'].map(environment => renderEnvironment({ infraDir: INFRA, environment, parse, tree })));
  return [...models, await renderOrganization({ infraDir: INFRA, parse, tree })];
}

const GITHUB = { provider: 'GitHub', repository: 'example/jamstack' };
const [mixedDev, mixedProd, mixedOrganization] = await render({ dev: GITHUB, prod: { provider: 'CodeCommit' } });
const [connectedDev, connectedProd, connectedOrganization] = await render({ dev: { provider: 'GitLab', repository: 'example/web/jamstack' }, prod: GITHUB });

test('source choice: each source is a full clone with the branch and commit as variables, on the branch its pipeline deploys', () => {
  for (const model of [mixedDev, mixedProd, connectedDev, connectedProd]) {
    assert.ok(model.pipelines.length > 0);
    for (const pipeline of model.pipelines) {
      assert.equal(pipeline.source.configuration.OutputArtifactFormat, 'CODEBUILD_CLONE_REF', pipeline.name);
      assert.ok(model.environment === 'dev' ? pipeline.source.configuration.BranchName === 'develop' : ['master', 'main'].includes(pipeline.source.configuration.BranchName), pipeline.name);
    }
  }
  assert.deepEqual(mixedDev.pipelines.map(p => [p.source.provider, p.source.configuration.FullRepositoryId]), [['CodeStarSourceConnection', 'example/jamstack']]);
  assert.deepEqual(mixedProd.pipelines.map(p => p.source.provider), ['CodeCommit', 'CodeCommit']);
  assert.deepEqual(connectedProd.pipelines.map(p => p.source.provider), ['CodeStarSourceConnection', 'CodeStarSourceConnection']);
  // One connection per environment, named after it, so IAM can keep develop's roles off production's.
  const byName = Object.fromEntries(connectedProd.connections.map(c => [c.name, c]));
  assert.deepEqual(Object.keys(byName).sort(), ['jamstack-dev-gitlab', 'jamstack-prod-github']);
  assert.equal(byName['jamstack-prod-github'].providerType, 'GitHub');
  for (const p of connectedProd.pipelines) assert.equal(p.source.configuration.ConnectionArn, byName['jamstack-prod-github'].arn);
  for (const p of connectedDev.pipelines) assert.equal(p.source.configuration.ConnectionArn, byName['jamstack-dev-gitlab'].arn);
  assert.deepEqual(mixedProd.connections.map(c => c.name), ['jamstack-dev-github']);
});

test('source choice: a connection source grants UseConnection on its connection only, and no CodeCommit', () => {
  const build = connectedProd.roles.find(r => r.arn === connectedProd.buildRoleArn);
  const statements = build.policies.flatMap(p => p.document.Statement);
  const granted = statements.filter(s => s.Effect === 'Allow').flatMap(s => [].concat(s.Action));
  assert.ok(granted.includes('codestar-connections:UseConnection') && granted.includes('codeconnections:UseConnection'));
  assert.ok(!granted.some(a => a.startsWith('codecommit:')), granted.join(', '));
  const mixedBuild = mixedProd.roles.find(r => r.arn === mixedProd.buildRoleArn);
  assert.ok(mixedBuild.policies.flatMap(p => p.document.Statement).some(s => s.Sid === 'FullClone' && [].concat(s.Action).includes('codecommit:GitPull')));
});

test('source choice: the SCP guards the CodeCommit branches only while an environment builds from CodeCommit', () => {
  const branchStatements = (organization) => organization.serviceControlPolicies.flatMap(p => p.document.Statement).filter(s => s.Sid === 'OnlyReleaseRolesChangeProtectedBranches');
  assert.equal(branchStatements(mixedOrganization).length, 1);
  assert.equal(branchStatements(connectedOrganization).length, 0);
});

for (const [label, dev, prod, organization] of [['dev on GitHub, prod on CodeCommit', mixedDev, mixedProd, mixedOrganization], ['dev on GitLab, prod on GitHub', connectedDev, connectedProd, connectedOrganization]]) {
  test(`source choice (${label}): every trust path holds under the SCPs, connection paths included`, async t => {
    const { policies, paths } = trustLandscape(dev, prod, organization);
    const connectionPaths = paths.filter(p => p.name.includes('connection'));
    assert.ok(connectionPaths.some(p => p.expected === 'allowed') && connectionPaths.some(p => p.expected === 'denied'), 'connection paths of both kinds');
    // The way to production is the same: the approver role and the guarded build exist whatever the source.
    assert.ok(paths.some(p => p.name.includes('approves') && p.expected === 'allowed'));
    assert.ok(paths.some(p => p.name.includes('outside its pipeline') && p.expected === 'denied'));
    const failed = [];
    for (const path of paths) {
      const result = await evaluatePath(policies, path);
      if (path.name.includes('connection')) t.diagnostic(pathLine(path, result));
      if (result.outcome !== path.expected) failed.push(pathLine(path, result));
    }
    assert.deepEqual(failed, []);
  });
}
