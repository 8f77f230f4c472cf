// Nested blocks of a resource or data source body as hcl2json gives them
// (kind → array of bodies, plus dynamic → kind → array of { for_each,
// iterator?, content }), expanded into instances the way Terraform expands
// them. hcl2json groups blocks by kind, so the order of static blocks relative
// to dynamic blocks of the same kind is lost: static blocks come first here.
import { childScope, evaluateValue, iterate } from './expression.mjs';
import { blocks } from '../hcl-values.mjs';
import { EvalError, isUnknown } from './values.mjs';

/** Meta-arguments and blocks Terraform handles itself: never part of a resource's attributes. */
export const META = new Set(['count', 'for_each', 'provider', 'providers', 'depends_on', 'lifecycle', 'source', 'version', 'dynamic', 'connection', 'provisioner']);

/** Instances of the `kind` blocks of a body: [{ body, scope }], static ones first, then dynamic ones. */
export function expandBlocks(body, kind, scope) {
  const found = blocks(body, kind).map((block) => ({ body: block, scope }));
  for (const dynamic of blocks(body?.dynamic, kind)) {
    const iteratorName = dynamic.iterator ?? kind;
    const collection = evaluateValue(dynamic.for_each, scope);
    if (isUnknown(collection)) throw new EvalError(`dynamic "${kind}": for_each is unknown (${collection.reason})`);
    for (const [key, value] of iterate(collection, `dynamic "${kind}" for_each`)) {
      const inner = childScope(scope, { [iteratorName]: { key, value } });
      for (const content of blocks(dynamic, 'content')) found.push({ body: content, scope: inner });
    }
  }
  return found;
}

/** Kinds of nested blocks in a body (static or dynamic); `meta`: the names that are not blocks here. */
export function blockKinds(body, meta = META) {
  const kinds = new Set(Object.keys(body?.dynamic ?? {}));
  for (const [key, value] of Object.entries(body ?? {})) {
    if (!meta.has(key) && Array.isArray(value) && value.length > 0 && value.every((item) => item && typeof item === 'object' && !Array.isArray(item))) kinds.add(key);
  }
  return kinds;
}

// Inside a nested block the meta-argument names are plain arguments (a pipeline action's provider and version).
const NESTED_META = new Set(['dynamic']);

/** A nested block's body fully evaluated: attributes by value, nested blocks as lists of evaluated bodies. */
export function evaluateBody(body, scope) {
  const result = {};
  const kinds = blockKinds(body, NESTED_META);
  for (const [key, value] of Object.entries(body ?? {})) {
    if (NESTED_META.has(key) || kinds.has(key)) continue;
    result[key] = evaluateValue(value, scope);
  }
  for (const kind of kinds) result[kind] = expandBlocks(body, kind, scope).map((instance) => evaluateBody(instance.body, instance.scope));
  return result;
}
