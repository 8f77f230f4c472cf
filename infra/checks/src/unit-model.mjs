// A Terragrunt unit as the name checks see it: where it lives, which module it
// runs, its inputs and dependencies, and the environments.json paths its
// expressions read (references through the unit's locals are followed).
import path from 'node:path';
import { blocks, labelled, references, segments } from './hcl-values.mjs';

function moduleName(body) {
  const source = blocks(body, 'terraform')[0]?.source;
  if (typeof source !== 'string') return null;
  const match = /\/\/([A-Za-z0-9_-]+)$/.exec(source);
  return match ? match[1] : null;
}

async function traversalResolver(locals) {
  const direct = new Map();
  for (const [key, value] of Object.entries(locals)) direct.set(key, await references(value));
  const resolve = (traversal, depth = 0) => {
    const parts = segments(traversal);
    if (parts[0] !== 'local' || depth > 10) return [parts];
    const refs = direct.get(parts[1]);
    if (!refs || refs.length !== 1) return [parts];
    return resolve(refs[0], depth + 1).map((base) => [...base, ...parts.slice(2)]);
  };
  return resolve;
}

export async function unitModel(unit) {
  const body = unit.file.body ?? {};
  const locals = Object.assign({}, ...blocks(body, 'locals'));
  const inputs = body.inputs && typeof body.inputs === 'object' ? body.inputs : {};
  const resolve = await traversalResolver(locals);
  const readPaths = async (value) => (await references(value)).flatMap((ref) => resolve(ref));

  const inputPaths = {};
  for (const [key, value] of Object.entries(inputs)) inputPaths[key] = await readPaths(value);
  const allPaths = [...Object.values(inputPaths).flat(), ...(await readPaths(locals))];

  const dependencies = labelled(body, 'dependency', 1).map(([[label], dependency]) => ({
    label,
    configPath: dependency.config_path,
    target: typeof dependency.config_path === 'string' ? path.posix.normalize(path.posix.join(unit.dir, dependency.config_path)) : null,
  }));
  const orderOnly = blocks(body, 'dependencies').flatMap((d) => d.paths ?? []).map((p) => ({
    label: 'dependencies',
    configPath: p,
    target: path.posix.normalize(path.posix.join(unit.dir, p)),
  }));

  return {
    ...unit,
    account: unit.parts[0],
    regionDir: unit.parts[1],
    module: moduleName(body),
    inputs,
    inputPaths,
    allPaths,
    dependencies: [...dependencies, ...orderOnly],
  };
}

/** Function keys a unit reads: paths like [..., 'functions', '<key>', ...]. */
export function functionKeys(unit) {
  const keys = new Set();
  for (const parts of unit.allPaths) {
    const at = parts.indexOf('functions');
    if (at >= 0 && parts[at + 1]) keys.add(parts[at + 1]);
  }
  return keys;
}
