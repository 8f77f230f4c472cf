// Seeded violations: copy the real infra/ (modules, live, environments.json)
// to a temporary folder, change one thing, and run one check on the copy.
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatFinding } from '../../src/finding.mjs';
import { createParser } from '../../src/parse-cache.mjs';
import { runChecks } from '../../src/run-checks.mjs';

export const REAL_INFRA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

// Shared by all tests of a file: an unchanged file is parsed only once.
const parse = createParser();

export async function copyInfra() {
  const dir = await mkdtemp(path.join(tmpdir(), 'infra-checks-'));
  for (const part of ['modules', 'live', 'environments.json']) {
    await cp(path.join(REAL_INFRA, part), path.join(dir, part), {
      recursive: true,
      filter: (source) => !source.includes('.terragrunt-cache') && !source.includes('.terraform'),
    });
  }
  return {
    dir,
    /** Replaces one exact piece of text; fails the test if it is not there once. */
    async replace(file, from, to) {
      const full = path.join(dir, file);
      const text = await readFile(full, 'utf8');
      assert.equal(text.split(from).length - 1, 1, `expected exactly one "${from}" in ${file}`);
      await writeFile(full, text.replace(from, to));
    },
    async move(from, to) {
      await rename(path.join(dir, from), path.join(dir, to));
    },
    async write(file, text) {
      await writeFile(path.join(dir, file), text);
    },
    async copy(from, to) {
      await cp(path.join(dir, from), path.join(dir, to), { recursive: true });
    },
    /** A unit at live/<unitDir> running modules/<module> directly with these inputs (HCL). */
    async unit(unitDir, module, inputs) {
      await mkdir(path.join(dir, 'live', unitDir), { recursive: true });
      await writeFile(path.join(dir, 'live', unitDir, 'terragrunt.hcl'), `include "root" { path = find_in_parent_folders("root.hcl") }
terraform {
  source = "\${dirname(find_in_parent_folders("root.hcl"))}/../modules//${module}"
}
inputs = {
${inputs}
}
`);
    },
    async findings(check) {
      return (await runChecks(dir, { only: [check], parse })).map(formatFinding);
    },
    async remove() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function realFindings(check) {
  return (await runChecks(REAL_INFRA, { only: [check], parse })).map(formatFinding);
}

/** Runs `seed` on a fresh copy and returns the check's findings on it. */
export async function seeded(check, seed) {
  const infra = await copyInfra();
  try {
    await seed(infra);
    return await infra.findings(check);
  } finally {
    await infra.remove();
  }
}

/** Exactly one finding, in that file, saying that. */
export function assertOnly(findings, file, pattern) {
  assert.equal(findings.length, 1, `expected one finding, got:\n${findings.join('\n')}`);
  assert.ok(findings[0].includes(` ${file}`), `expected it in ${file}: ${findings[0]}`);
  assert.match(findings[0], pattern);
}

/** Exactly these findings, in any order: one per [file, pattern]. */
export function assertFindings(findings, expected) {
  assert.equal(findings.length, expected.length, `expected ${expected.length} findings, got:\n${findings.join('\n')}`);
  for (const [file, pattern] of expected) {
    assert.ok(findings.some((f) => f.includes(` ${file}`) && pattern.test(f)), `expected a finding in ${file} matching ${pattern}, got:\n${findings.join('\n')}`);
  }
}
