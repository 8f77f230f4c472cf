// Loads infra/: every .tf and .hcl file under modules/ and live/, parsed with
// HashiCorp's HCL parser (compiled to WebAssembly), and environments.json.
// Checks read this tree and never the files themselves.

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createParser } from './parse-cache.mjs';

const HCL_EXTENSIONS = new Set(['.tf', '.hcl']);
const SKIPPED_DIRS = new Set(['.terragrunt-cache', '.terraform', 'node_modules']);

async function listHclFiles(dir) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (error.code === 'ENOENT') return [];
    throw error;
  }
  const files = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) files.push(...(await listHclFiles(full)));
    } else if (HCL_EXTENSIONS.has(path.extname(entry.name))) {
      files.push(full);
    }
  }
  return files;
}

async function parseFile(infraDir, full, parse) {
  const relative = path.relative(infraDir, full).split(path.sep).join('/');
  const text = await readFile(full, 'utf8');
  return { path: relative, ...(await parse(relative, text)) };
}

/** A module: modules/<name>/, its files merged by block kind. */
function groupModules(files) {
  const modules = new Map();
  for (const file of files) {
    const [root, name, ...rest] = file.path.split('/');
    if (root !== 'modules' || rest.length !== 1 || !file.path.endsWith('.tf')) continue;
    if (!modules.has(name)) modules.set(name, { name, dir: `modules/${name}`, files: [] });
    modules.get(name).files.push(file);
  }
  return modules;
}

/** A unit: a folder under live/ holding terragrunt.hcl (so not live/_envcommon, whose files units include). */
function groupUnits(files) {
  return files
    .filter((file) => file.path.startsWith('live/') && file.path.endsWith('/terragrunt.hcl'))
    .map((file) => {
      const dir = path.posix.dirname(file.path);
      return { dir, parts: dir.split('/').slice(1), file };
    });
}

/** Parses infra/. `parse` (see parse-cache.mjs) may be shared between calls. */
export async function loadInfraTree(infraDir, { parse = createParser() } = {}) {
  const paths = [
    ...(await listHclFiles(path.join(infraDir, 'modules'))),
    ...(await listHclFiles(path.join(infraDir, 'live'))),
  ];
  // The parser is much faster with calls in flight together than one by one.
  const files = await Promise.all(paths.map((full) => parseFile(infraDir, full, parse)));

  const environmentsPath = path.join(infraDir, 'environments.json');
  const environments = JSON.parse(await readFile(environmentsPath, 'utf8'));

  return {
    infraDir,
    files,
    // What find_in_parent_folders() can find: the parsed files and environments.json.
    paths: new Set([...files.map((file) => file.path), 'environments.json']),
    environments,
    modules: groupModules(files),
    units: groupUnits(files),
  };
}
