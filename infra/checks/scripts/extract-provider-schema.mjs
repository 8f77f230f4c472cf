#!/usr/bin/env node
// Extracts the AWS provider's schema from @cdktf/provider-aws (360 MB unpacked, so never a
// dependency) into data/aws-provider-schema.json, which the provider-schema check reads.
//
//   node scripts/extract-provider-schema.mjs [<package .tgz or unpacked folder>] [--check]
//
// Without a path it runs `npm pack @cdktf/provider-aws@<version>` into a temporary folder.
// --check compares instead of writing: exit 1 when the committed file differs from the package.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatSchema, schemaFromJsii } from '../src/provider-schema/from-jsii.mjs';

export const PACKAGE = '@cdktf/provider-aws@19.65.1';
export const TARGET = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'data', 'aws-provider-schema.json');

/** The parsed .jsii of a package tarball or folder. */
export function readAssembly(source) {
  if (statSync(source).isDirectory()) return JSON.parse(readFileSync(path.join(source, '.jsii'), 'utf8'));
  // A tarball holds it at package/.jsii; tar streams just that member.
  return JSON.parse(execFileSync('tar', ['-xzOf', source, 'package/.jsii'], { maxBuffer: 512 * 1024 * 1024 }).toString('utf8'));
}

/** The package packed into a temporary folder (npm's cache makes a second time cheap). */
export function packed() {
  const dir = mkdtempSync(path.join(tmpdir(), 'provider-aws-'));
  const name = execFileSync('npm', ['pack', PACKAGE, '--pack-destination', dir, '--silent'], { encoding: 'utf8' }).trim().split('\n').pop();
  return { file: path.join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function extract(source) {
  return formatSchema(schemaFromJsii(readAssembly(source)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const given = args.find((a) => !a.startsWith('--'));
  if (given && !existsSync(given)) {
    console.error(`extract-provider-schema: ${given} does not exist; fix: name the ${PACKAGE} tarball (npm pack ${PACKAGE}) or its unpacked folder`);
    process.exit(2);
  }
  const source = given ? { file: given, cleanup: () => {} } : packed();
  try {
    const text = extract(source.file);
    if (check) {
      const same = existsSync(TARGET) && readFileSync(TARGET, 'utf8') === text;
      console.log(same ? `${path.basename(TARGET)} matches ${source.file}` : `${path.basename(TARGET)} differs from ${source.file}; fix: run node scripts/extract-provider-schema.mjs ${given ?? ''}`.trim());
      process.exit(same ? 0 : 1);
    }
    writeFileSync(TARGET, text);
    console.log(`wrote ${TARGET}`);
  } finally {
    source.cleanup();
  }
}
