#!/usr/bin/env node
// Usage: node src/cli.mjs [infra dir] — prints one line per violation and
// exits 1 when there is any.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatFinding } from './finding.mjs';
import { CHECKS, runChecks } from './run-checks.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const infraDir = path.resolve(process.argv[2] ?? path.join(here, '..', '..'));

try {
  const findings = await runChecks(infraDir);
  for (const found of findings) console.log(formatFinding(found));
  console.log(`${CHECKS.length} checks, ${findings.length} violation${findings.length === 1 ? '' : 's'} in ${infraDir}`);
  process.exitCode = findings.length === 0 ? 0 : 1;
} catch (error) {
  console.error(`infra checks could not run on ${infraDir}: ${error.message}; fix: pass the infra folder holding environments.json, modules/ and live/`);
  process.exitCode = 2;
}
