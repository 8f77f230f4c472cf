// Evaluates the path expressions Terragrunt units use for include paths and
// dependency config paths, in the including unit's context, as Terragrunt does
// for a unit and for every file it includes: get_terragrunt_dir() is the
// unit's folder and find_in_parent_folders() searches upward from there.
// Expressions are parsed with HashiCorp's parser (getExpressionAst); anything
// beyond string templates and the functions below cannot be resolved here.
import path from 'node:path';
import { getExpressionAst } from '@cdktf/hcl2json';

// Paths inside the evaluator are absolute with infra/ as "/", so
// "/live/root.hcl"; a result not starting with "/" is relative to the unit.
const FUNCTIONS = {
  get_terragrunt_dir: (context) => `/${context.unitDir}`,
  // Starts in the unit folder's parent, like Terragrunt; the second argument is returned when nothing is found.
  find_in_parent_folders: (context, name = 'terragrunt.hcl', fallback = null) => {
    for (let dir = path.posix.dirname(`/${context.unitDir}`); ; dir = path.posix.dirname(dir)) {
      const candidate = path.posix.join(dir, name);
      if (context.exists(candidate.slice(1))) return candidate;
      if (dir === '/') return fallback;
    }
  },
  dirname: (context, value) => path.posix.dirname(value),
  basename: (context, value) => path.posix.basename(value),
};

function evaluate(node, context) {
  switch (node.type) {
    case 'literalValue':
      return node.meta.type === 'string' ? node.meta.value : null;
    case 'template':
    case 'templateWrap': {
      const parts = node.children.map((child) => evaluate(child, context));
      return parts.some((part) => part === null) ? null : parts.join('');
    }
    case 'function': {
      const implementation = FUNCTIONS[node.meta.name];
      if (!implementation) return null;
      const args = node.children.map((child) => evaluate(child, context));
      return args.some((arg) => arg === null) ? null : implementation(context, ...args);
    }
    default:
      return null;
  }
}

const astCache = new Map();

async function ast(value) {
  // hcl2json gives "${...}" expressions and plain strings; both read as an HCL string template.
  if (!astCache.has(value)) astCache.set(value, getExpressionAst('path.hcl', `"${value}"`).catch(() => null));
  return astCache.get(value);
}

/**
 * The infra-relative path ("live/root.hcl") a unit's path expression names,
 * or null when it cannot be resolved here. `exists(relative path)` tells
 * whether a file is in the tree.
 */
export async function resolveUnitPath(value, { unitDir, exists }) {
  if (typeof value !== 'string') return null;
  const tree = await ast(value);
  const result = tree ? evaluate(tree, { unitDir, exists }) : null;
  if (result === null) return null;
  return result.startsWith('/') ? path.posix.normalize(result).slice(1) : path.posix.normalize(path.posix.join(unitDir, result));
}
