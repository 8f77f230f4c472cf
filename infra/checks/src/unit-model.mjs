// A Terragrunt unit as the checks see it: where it lives, which module it
// runs, its inputs and dependencies, and the environments.json paths its
// expressions read. Like Terragrunt, the model merges the files the unit
// includes (root.hcl, _envcommon/<kind>.hcl) into the unit, the unit's own
// blocks winning; each expression is resolved in the file it is written in
// (that file's locals, and include.<label>.locals of the unit's exposed
// includes), and remembers that file so findings point where the fix goes.
import { blocks, labelled, references, segments } from './hcl-values.mjs';
import { resolveUnitPath } from './terragrunt-paths.mjs';
import { dependencyResolver } from './render/index.mjs';

const MAX_DEPTH = 10;

function moduleName(source) {
  if (typeof source !== 'string') return null;
  const match = /\/\/([A-Za-z0-9_-]+)$/.exec(source);
  return match ? match[1] : null;
}

/** include blocks as [label, body]; a bare `include {}` has the label "". */
function includeBlocks(body) {
  if (Array.isArray(body?.include)) return body.include.map((block) => ['', block]);
  return labelled(body, 'include', 1).map(([[label], block]) => [label, block]);
}

/** One file's scope: its locals (with the traversals each refers to) and, for the unit, its includes. */
async function fileScope(file) {
  const locals = Object.assign({}, ...blocks(file.body, 'locals'));
  const direct = new Map();
  for (const [key, value] of Object.entries(locals)) direct.set(key, await references(value));
  return { file, locals, direct, includes: new Map() };
}

/**
 * Follows local.<name> through the scope's locals and include.<label>.locals.<name>
 * into exposed includes, as long as each step refers to exactly one traversal.
 */
function resolver(problems) {
  const resolve = (parts, scope, depth = 0) => {
    if (depth > MAX_DEPTH) return [parts];
    if (parts[0] === 'local') {
      const refs = scope.direct.get(parts[1]);
      if (!refs || refs.length !== 1) return [parts];
      return resolve(segments(refs[0]), scope, depth + 1).map((base) => [...base, ...parts.slice(2)]);
    }
    if (parts[0] === 'include' && scope.includes.has(parts[1])) {
      const include = scope.includes.get(parts[1]);
      if (!include.expose) {
        problems.push({ file: scope.file.path, where: `include "${parts[1]}"`, message: `is read (include.${parts[1]}.…) but not exposed: set expose = true` });
      }
      if (parts[2] === 'locals' && include.scope) return resolve(['local', ...parts.slice(3)], include.scope, depth + 1);
    }
    return [parts];
  };
  return resolve;
}

/**
 * Merges the includes' and the unit's blocks by key, the unit's winning. Two
 * includes setting the same key are a problem: hcl2json does not keep the
 * order of include blocks, and in Terragrunt that order decides which wins.
 */
function mergeByKey(unitFile, sources, pick, where, problems) {
  const merged = new Map();
  for (const { scope, isUnit } of sources) {
    for (const [key, value] of pick(scope.file.body)) {
      const previous = merged.get(key);
      if (previous && !previous.isUnit && !isUnit) {
        problems.push({ file: unitFile, where: where(key), message: `is set by both ${previous.scope.file.path} and ${scope.file.path}, which this unit includes: set it in one of them` });
      }
      merged.set(key, { key, value, scope, isUnit });
    }
  }
  return [...merged.values()];
}

export async function unitModel(unit, tree, evaluatedDependencies = dependencyResolver(tree)) {
  const problems = [];
  const unitScope = await fileScope(unit.file);
  const context = { unitDir: unit.dir, exists: (relative) => tree.paths.has(relative) };

  const includes = [];
  for (const [label, block] of includeBlocks(unit.file.body)) {
    const resolved = await resolveUnitPath(block.path, context);
    const file = resolved ? tree.files.find((f) => f.path === resolved) : null;
    const where = `include "${label}"`;
    if (!file) problems.push({ file: unit.file.path, where, message: `path ${block.path} does not resolve to a file of the tree (resolved: ${resolved ?? 'not statically'})` });
    else if (includeBlocks(file.body).length > 0) problems.push({ file: file.path, where: 'include', message: `is included by ${unit.file.path}; Terragrunt does not allow an included file to include another` });
    const scope = file?.body ? await fileScope(file) : null;
    const include = { label, path: resolved, file, expose: block.expose === true, scope };
    includes.push(include);
    unitScope.includes.set(label, include);
  }

  const resolve = resolver(problems);
  const sources = [...includes.filter((i) => i.scope).map((i) => ({ scope: i.scope, isUnit: false })), { scope: unitScope, isUnit: true }];
  const readPaths = async (value, scope) => (await references(value)).flatMap((ref) => resolve(segments(ref), scope));

  const inputEntries = mergeByKey(unit.file.path, sources, (body) => (body.inputs && typeof body.inputs === 'object' ? Object.entries(body.inputs) : []), (key) => `inputs.${key}`, problems);
  const inputs = {};
  const inputOrigins = {};
  const inputPaths = {};
  const reads = [];
  for (const { key, value, scope } of inputEntries) {
    inputs[key] = value;
    inputOrigins[key] = scope.file.path;
    inputPaths[key] = await readPaths(value, scope);
    for (const parts of inputPaths[key]) reads.push({ parts, file: scope.file.path });
  }
  for (const { scope } of sources) {
    for (const parts of await readPaths(scope.locals, scope)) reads.push({ parts, file: scope.file.path });
  }

  const sourceEntries = mergeByKey(unit.file.path, sources, (body) => {
    const source = blocks(body, 'terraform').find((t) => t.source !== undefined)?.source;
    return source === undefined ? [] : [['source', source]];
  }, () => 'terraform.source', problems);
  const source = sourceEntries[0] ?? null;

  const dependencies = [];
  const dependencyEntries = mergeByKey(unit.file.path, sources, (body) => labelled(body, 'dependency', 1).map(([[label], block]) => [label, block]), (key) => `dependency "${key}"`, problems);
  // A config_path that reads locals (the environment a store or pipeline folder is named after)
  // is resolved by evaluating the unit as Terragrunt does.
  let evaluated;
  for (const { key, value, scope } of dependencyEntries) {
    let target = await resolveUnitPath(value.config_path, context);
    if (target === null) {
      evaluated ??= evaluatedDependencies(unit.dir) ?? [];
      target = evaluated.find((d) => d.label === key)?.target ?? null;
    }
    dependencies.push({ label: key, configPath: value.config_path, target, file: scope.file.path });
  }
  for (const { scope } of sources) {
    for (const configPath of blocks(scope.file.body, 'dependencies').flatMap((d) => d.paths ?? [])) {
      dependencies.push({ label: 'dependencies', configPath, target: await resolveUnitPath(configPath, context), file: scope.file.path });
    }
  }

  return {
    ...unit,
    account: unit.parts[0],
    regionDir: unit.parts[1],
    includes,
    problems,
    module: moduleName(source?.value),
    moduleOrigin: source?.scope.file.path ?? unit.file.path,
    inputs,
    inputOrigins,
    inputPaths,
    reads,
    allPaths: reads.map((read) => read.parts),
    dependencies,
  };
}

/** The unit models of a tree's units that parse. */
export async function unitModels(tree) {
  const units = [];
  const evaluatedDependencies = dependencyResolver(tree);
  for (const unit of tree.units.filter((u) => u.file.body)) units.push(await unitModel(unit, tree, evaluatedDependencies));
  return units;
}

/** The function key a path reads ([..., 'functions', '<key>', ...]), or null. */
export function functionKeyOf(parts) {
  const at = parts.indexOf('functions');
  return at >= 0 && parts[at + 1] ? parts[at + 1] : null;
}

/** Function keys a unit reads. */
export function functionKeys(unit) {
  return new Set(unit.allPaths.map(functionKeyOf).filter((key) => key !== null));
}
