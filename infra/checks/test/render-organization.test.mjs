// The organisation as renderOrganization() renders live/master/global/organization: who the SCPs bind (the
// member accounts, through the root), what each says, and that the branch-change actions are the pipelines'.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { createParser } from '../src/parse-cache.mjs';
import { loadInfraTree } from '../src/infra-tree.mjs';
import { renderOrganization } from '../src/render/index.mjs';
import { REAL_INFRA } from './support/infra-copy.mjs';

const parse = createParser();
const organization = await renderOrganization({ infraDir: REAL_INFRA, parse });
const environments = JSON.parse(readFileSync(path.join(REAL_INFRA, 'environments.json'), 'utf8'));
const scp = (suffix) => organization.serviceControlPolicies.find((p) => p.name === `${environments.project}-${suffix}`);

test('render organization: the SCPs bind every member account through the root, never the management account', () => {
  assert.equal(organization.managementAccount, environments.accounts.master.id);
  assert.deepEqual(organization.memberAccounts.map((m) => m.name).sort(), Object.keys(environments.accounts).filter((k) => k !== 'master' && environments.accounts[k].email).sort());
  assert.deepEqual(organization.serviceControlPolicies.map((p) => p.name.replace(`${environments.project}-`, '')).sort(), ['allowed-regions', 'leave-organization', 'protect-deploy-roles-and-trail', 'way-to-production']);
  for (const policy of organization.serviceControlPolicies) {
    assert.deepEqual(policy.targets, [organization.rootId], policy.name);
    assert.ok(policy.statementOrigins.every((o) => o.startsWith('modules/organization/main.tf')), policy.name);
  }
});

test('render organization: the regions SCP allows the regions environments.json uses plus us-east-1, and the deploy roles are those of the CI environments', () => {
  const regions = scp('allowed-regions').document.Statement[0].Condition.StringNotEquals['aws:RequestedRegion'];
  assert.deepEqual(regions, ['eu-central-1', 'eu-west-1', 'us-east-1']);
  const deployRoles = scp('protect-deploy-roles-and-trail').document.Statement.find((s) => s.Sid === 'DeployRolesUnchanged').Resource;
  assert.deepEqual(deployRoles, Object.values(environments.environments).filter((e) => e.branches.length > 0).map((e) => e.deployRole));
});

test('render organization: the SCP and the pipelines deny the same branch changes, read from one file', () => {
  const actions = JSON.parse(readFileSync(path.join(REAL_INFRA, 'modules/pipeline/codecommit-branch-changes.json'), 'utf8'));
  const statement = scp('way-to-production').document.Statement.find((s) => s.Sid === 'OnlyReleaseRolesChangeProtectedBranches');
  assert.deepEqual(statement.Action, actions);
  assert.deepEqual(statement.Condition.ArnNotEquals['aws:PrincipalArn'], environments.environments.prod.approval.approvers);
});

test('render organization: with no environment on CodeCommit there is no branch statement (the hosts protect their branches)', async () => {
  const tree = await loadInfraTree(REAL_INFRA, { parse });
  tree.environments = structuredClone(tree.environments);
  for (const key of ['dev', 'prod']) tree.environments.environments[key].source = { provider: 'GitHub', repository: 'example/jamstack' };
  const connected = await renderOrganization({ infraDir: REAL_INFRA, parse, tree });
  const statements = connected.serviceControlPolicies.flatMap((p) => p.document.Statement);
  assert.ok(!statements.some((s) => s.Sid === 'OnlyReleaseRolesChangeProtectedBranches'));
  assert.ok(statements.some((s) => s.Sid === 'OnlyItsPipelineStartsProdBuild'));
});
