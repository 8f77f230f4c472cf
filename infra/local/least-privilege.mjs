#!/usr/bin/env node
// Usage: node infra/local/least-privilege.mjs --state-dir DIR [--site-mode release|in-place]
// Replays what a local cloud recorded (a Deploy, a Rollback, a dry run) without each Allow
// statement in turn, prints the statement → step table and, per needed statement, the refusal a
// step gets without it. Exit 1 when a statement is unused or redundant, 2 on bad input.
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { policiesFile, readDecisions } from './src/iam/decision-log.mjs';
import { formatTable, proveLeastPrivilege } from './src/iam/least-privilege.mjs';

let stateDir, siteMode;
try {
  ({ 'state-dir': stateDir, 'site-mode': siteMode = 'release' } = parseArgs({ options: { 'state-dir': { type: 'string' }, 'site-mode': { type: 'string' } } }).values);
} catch (err) {
  process.stderr.write(`least-privilege: ${err.message}: pass --state-dir <local cloud state dir> [--site-mode release|in-place]\n`);
  process.exit(2);
}
if (!['release', 'in-place'].includes(siteMode)) {
  process.stderr.write(`least-privilege: --site-mode ${siteMode} is not a site mode: pass release (the default) or in-place, the mode the recorded deploys ran in\n`);
  process.exit(2);
}
if (!stateDir || !existsSync(policiesFile(stateDir))) {
  process.stderr.write(`least-privilege: no recorded policies under ${stateDir ?? '(no --state-dir)'}: run a Deploy against a local cloud with that --state-dir first\n`);
  process.exit(2);
}
const model = JSON.parse(readFileSync(policiesFile(stateDir), 'utf8'));
const decisions = readDecisions(stateDir);
const { rows, findings } = await proveLeastPrivilege({ model, decisions, siteMode });
process.stdout.write(`${formatTable(rows)}\n\n`);
for (const row of rows.filter(r => r.status === 'needed')) process.stdout.write(`without ${row.label}: ${row.refusal}\n`);
process.stdout.write(`\n${rows.filter(r => r.status === 'needed').length} needed, ${rows.filter(r => r.status === 'other actor').length} used by other actors, ${findings.length} unused or redundant (from ${decisions.length} recorded decisions)\n`);
for (const f of findings) process.stdout.write(`finding: ${f}\n`);
process.exit(findings.length ? 1 : 0);
