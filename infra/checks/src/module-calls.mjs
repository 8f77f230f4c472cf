// Calls of the tree's modules: a module block in modules/<caller>/ whose
// source is another module of the tree ("../private-bucket"), or a live unit
// whose terraform.source is one. Checks follow policies and buckets into a
// called module through these calls, and read the called module as the call
// makes it: each var.<name> replaced by the call's argument or the default.
import path from 'node:path';
import { labelled } from './hcl-values.mjs';
import { unitModels } from './unit-model.mjs';

const META_ARGUMENTS = new Set(['source', 'version', 'providers', 'depends_on', 'count', 'for_each']);
const WHOLE_VARIABLE = /^\$\{var\.([A-Za-z0-9_-]+)\}$/;

function targetModule(tree, caller, source) {
  if (typeof source !== 'string' || !/^\.\.?\//.test(source)) return null;
  const dir = path.posix.normalize(path.posix.join(caller.dir, source));
  return [...tree.modules.values()].find((module) => module.dir === dir) ?? null;
}

/** Module blocks in the tree's modules: { caller, name, target (null when not a module of the tree), file, where, args }. */
export function moduleCalls(tree) {
  const calls = [];
  for (const caller of tree.modules.values()) {
    for (const file of caller.files.filter((f) => f.body)) {
      for (const [[name], body] of labelled(file.body, 'module', 1)) {
        const args = Object.fromEntries(Object.entries(body).filter(([key]) => !META_ARGUMENTS.has(key)));
        calls.push({ caller, name, target: targetModule(tree, caller, body.source), file: file.path, where: `module.${name}`, args });
      }
    }
  }
  return calls;
}

/** Units as calls of their module, with the unit's merged inputs as arguments. */
export async function unitCalls(tree) {
  return (await unitModels(tree))
    .filter((unit) => tree.modules.has(unit.module))
    .map((unit) => ({ caller: null, name: unit.dir, target: tree.modules.get(unit.module), file: unit.file.path, where: 'inputs', args: unit.inputs, origins: unit.inputOrigins }));
}

/** Every call of a module of the tree, from modules and from units. */
export async function allCalls(tree) {
  return [...moduleCalls(tree).filter((call) => call.target), ...(await unitCalls(tree))];
}

function variableDefaults(module) {
  const defaults = new Map();
  for (const file of module.files.filter((f) => f.body)) {
    for (const [[variable], body] of labelled(file.body, 'variable', 1)) {
      if ('default' in body) defaults.set(variable, body.default);
    }
  }
  return defaults;
}

function substitute(value, values) {
  if (typeof value === 'string') {
    const match = WHOLE_VARIABLE.exec(value);
    return match && values.has(match[1]) ? values.get(match[1]) : value;
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, values));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, values)]));
  }
  return value;
}

/**
 * The called module's files as this call makes them: every value that is
 * exactly var.<name> becomes the call's argument (or the variable's default).
 * Variables used inside larger expressions stay as they are.
 */
export function instantiate(call) {
  const values = variableDefaults(call.target);
  for (const [key, value] of Object.entries(call.args)) values.set(key, value);
  return call.target.files.filter((f) => f.body).map((file) => ({ ...file, body: substitute(file.body, values) }));
}
