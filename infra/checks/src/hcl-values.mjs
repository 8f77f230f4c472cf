// Helpers for hcl2json's output: blocks are arrays of bodies, attributes are
// plain JSON values, and expressions are strings wrapped in "${...}".

import { getReferencesInExpression } from '@cdktf/hcl2json';

/** True when the value is (or contains) a Terraform expression rather than a literal. */
export function isExpression(value) {
  return typeof value === 'string' && value.includes('${');
}

/** Blocks of one kind inside a body, as a flat array of bodies. */
export function blocks(body, kind) {
  const value = body?.[kind];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Labelled blocks (resource "type" "name", variable "name", ...) as [labels, body] pairs. */
export function labelled(body, kind, depth) {
  const result = [];
  const walk = (node, labels) => {
    if (labels.length === depth) {
      for (const item of Array.isArray(node) ? node : [node]) result.push([labels, item]);
      return;
    }
    for (const [key, child] of Object.entries(node ?? {})) walk(child, [...labels, key]);
  };
  if (body?.[kind]) walk(body[kind], []);
  return result;
}

/** Every resource (or data source) of a set of files: { type, name, body, file }. */
export function resources(files, kind = 'resource') {
  const found = [];
  for (const file of files) {
    if (!file.body) continue;
    for (const [[type, name], body] of labelled(file.body, kind, 2)) found.push({ type, name, body, file: file.path });
  }
  return found;
}

/** Every string inside a parsed value (object keys included). */
export function* strings(value) {
  if (typeof value === 'string') {
    yield value;
  } else if (Array.isArray(value)) {
    for (const item of value) yield* strings(item);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      yield key;
      yield* strings(item);
    }
  }
}

const referenceCache = new Map();

/**
 * Traversals an expression refers to ("aws_s3_bucket.site.id",
 * "include.root.locals.environment.functions.\"contact-form\""), found by the
 * HCL parser. Inside for-expressions only the collection is reported.
 */
export async function references(value) {
  const found = [];
  for (const text of strings(value)) {
    if (!isExpression(text)) continue;
    if (!referenceCache.has(text)) {
      const refs = await getReferencesInExpression('expression.hcl', text);
      referenceCache.set(text, refs.map((ref) => ref.value));
    }
    found.push(...referenceCache.get(text));
  }
  return found;
}

/** Traversal segments without quotes: 'functions."contact-form".alias' → ['functions', 'contact-form', 'alias']. */
export function segments(traversal) {
  return traversal.match(/"[^"]*"|[^.]+/g).map((part) => part.replace(/^"|"$/g, ''));
}

/** The locals of a set of files, by name. */
export function localsOf(files) {
  return Object.assign({}, ...files.flatMap((file) => blocks(file.body, 'locals')));
}

/** references(), with each local.<name> replaced by the traversals that local's expression refers to. */
export async function referencesThroughLocals(value, locals, depth = 0) {
  const found = [];
  for (const ref of await references(value)) {
    const [head, name] = segments(ref);
    if (head === 'local' && name in locals && depth < 10) found.push(...(await referencesThroughLocals(locals[name], locals, depth + 1)));
    else found.push(ref);
  }
  return found;
}
