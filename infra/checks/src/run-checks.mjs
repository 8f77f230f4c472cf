// All checks, in the order they are reported.
import * as artifactStores from './checks/artifact-stores.mjs';
import * as denyStatements from './checks/deny-statements.mjs';
import * as documentation from './checks/documentation.mjs';
import * as knownActions from './checks/known-actions.mjs';
import * as namesTypedOnce from './checks/names-typed-once.mjs';
import * as parseCheck from './checks/parse.mjs';
import * as policyForm from './checks/policy-form.mjs';
import * as principals from './checks/principals.mjs';
import * as providerSchema from './checks/provider-schema.mjs';
import * as unitCopies from './checks/unit-copies.mjs';
import * as unitInputs from './checks/unit-inputs.mjs';
import * as unitPlacement from './checks/unit-placement.mjs';
import * as wildcards from './checks/wildcards.mjs';
import { formatFinding } from './finding.mjs';
import { loadInfraTree } from './infra-tree.mjs';

export const CHECKS = [parseCheck, policyForm, wildcards, knownActions, principals, denyStatements, artifactStores, documentation, unitPlacement, unitInputs, unitCopies, namesTypedOnce, providerSchema];

export async function runChecks(infraDir, { only = CHECKS.map((c) => c.name), parse } = {}) {
  const tree = await loadInfraTree(infraDir, { parse });
  const findings = new Map();
  for (const check of CHECKS.filter((c) => only.includes(c.name))) {
    // A shared definition in live/_envcommon/ is read once per unit including it: report each violation once.
    for (const found of await check.run(tree)) findings.set(formatFinding(found), found);
  }
  return [...findings.values()];
}
