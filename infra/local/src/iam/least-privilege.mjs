// Minimal and sufficient, proven: the decisions a Deploy, a Rollback and a dry run recorded are
// replayed with one Allow statement taken away at a time. A statement is *needed* when some
// recorded step is then refused (the refusal is kept: it must name the action, the resource and
// the fix), *redundant* when other statements still allow everything it allowed, and *unused*
// when it allowed nothing that was asked. Unused and redundant statements are findings, unless
// the statement serves someone other than the build (OTHER_ACTORS), which says who.
import { Authorizer } from './authorizer.mjs';
import { evaluate } from './evaluation.mjs';
import { PolicySet } from './policy-set.mjs';

/**
 * Statements that ./build.sh never uses because another actor does, by Sid. Each is exercised
 * there, not here; the reason is printed with the table.
 */
export const OTHER_ACTORS = Object.freeze({
  KeyAdministration: 'Terraform, administering the key as the account root',
  BuildLogs: 'the CodeBuild agent, writing the build log',
  FullClone: 'the CodeBuild agent, cloning the repository',
  StoreBySesReceiptRule: 'SES receiving, storing inbound mail',
});

/**
 * Statements granted ahead of the ./build.sh step that will use them, by Sid: listed as pending, not as findings.
 * An entry goes when its step lands; from then on the proof must show the statement needed.
 */
export const PENDING_STEPS = Object.freeze({
  SwitchRelease: 'release-mode Deploy, Promote and Rollback writing the live release to the KeyValueStore (issue 14), not wired yet',
});

const VOLATILE_CONTEXT = new Set(['aws:CurrentTime', 'aws:EpochTime']);

/** Recorded requests, once each (time keys aside), with the operations that made them. */
function distinctRequests(decisions) {
  const byKey = new Map();
  for (const d of decisions.filter(x => x.allowed)) {
    const context = Object.fromEntries(Object.entries(d.request.context).filter(([k]) => !VOLATILE_CONTEXT.has(k)));
    const key = JSON.stringify([d.request.principal, d.request.roleArn, d.request.action, d.request.resource, d.request.resourceAccount, context]);
    const entry = byKey.get(key) ?? { request: d.request, protocol: d.protocol, operations: new Set(), grants: new Set() };
    entry.operations.add(d.operation);
    d.grants.forEach(g => entry.grants.add(g));
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

/** The statements the proof covers: the build's and the deploy role's policies and trust, bucket and key policies. */
function inScope(statement, model) {
  if (statement.effect !== 'Allow') return false;
  if (statement.kind === 'bucket' || statement.kind === 'key') return true;
  return [model.buildRoleArn, model.deployRoleArn].includes(statement.owner) && ['identity', 'trust'].includes(statement.kind);
}

/** A short name for a policy's owner: the role or bucket name, a key's alias and region. */
function ownerName(arn, model) {
  const key = model.keys.find(k => k.arn === arn);
  if (key) return `${key.aliases[0] ?? key.keyId} (${key.region})`;
  return arn.replace(/^arn:aws[\w-]*:(iam::\d{12}:role\/|s3:::)/, '');
}

/**
 * @param {{ model: object, decisions: object[] }} input the rendered model the cloud ran with and its decisions
 * @returns {Promise<{ rows: object[], findings: string[] }>}
 */
export async function proveLeastPrivilege({ model, decisions }) {
  const policies = new PolicySet(model);
  const requests = distinctRequests(decisions);
  const rows = [];
  for (const statement of policies.statements().filter(s => inScope(s, model))) {
    const label = `${ownerName(statement.owner, model)} ${statement.sid ?? `#${statement.index + 1}`}`;
    const row = { id: statement.id, label, sid: statement.sid, origin: statement.origin, status: 'unused', step: null, refusal: null };
    const granted = requests.filter(r => r.grants.has(statement.id));
    if (granted.length) {
      row.status = 'redundant';
      const without = policies.without(statement.id);
      for (const r of granted) {
        const decision = await evaluate(without, r.request);
        if (decision.allowed) continue;
        row.status = 'needed';
        row.step = `${[...r.operations].sort().join(', ')} on ${r.request.resource}`;
        row.refusal = await new Authorizer({ policies: without, clock: { now: () => 0 } })
          .check(r.request, { operation: 'proof', protocol: r.protocol }).then(() => null, err => err.message);
        break;
      }
    }
    if (row.status !== 'needed' && statement.sid && OTHER_ACTORS[statement.sid]) {
      row.status = 'other actor';
      row.step = OTHER_ACTORS[statement.sid];
    } else if (row.status === 'unused' && statement.sid && PENDING_STEPS[statement.sid]) {
      row.status = 'pending';
      row.step = PENDING_STEPS[statement.sid];
    }
    rows.push(row);
  }
  const findings = rows.filter(r => r.status === 'unused' || r.status === 'redundant')
    .map(r => `${r.label} (${r.origin ?? 'infra/'}) is ${r.status}: no step of Deploy or Rollback needs it; remove it, or name the actor that does in OTHER_ACTORS`);
  return { rows, findings };
}

/** The table the closing note and the test print. */
export function formatTable(rows) {
  const lines = ['| statement | where in infra/ | step that needs it |', '| --- | --- | --- |'];
  for (const r of rows) lines.push(`| ${r.label} | ${r.origin ?? ''} | ${r.status === 'needed' ? r.step : `(${r.status}${r.step ? `: ${r.step}` : ''})`} |`);
  return lines.join('\n');
}
