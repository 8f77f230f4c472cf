// Terraform's built-in functions that infra/ uses (and a few close relatives),
// with Terraform's semantics where they differ from JavaScript's: maps and
// objects iterate in lexical key order, toset() sorts, jsonencode() sorts keys
// and escapes <, > and & as Go does. Unknown arguments give Unknown results.
import path from 'node:path';
import { EvalError, deepEqual, findUnknown, force, isObject, isUnknown, sortedKeys, typeName } from './values.mjs';

const str = (value, what = 'argument') => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new EvalError(`${what} must be a string, got ${typeName(value)}`);
};
const list = (value, what = 'argument') => {
  if (Array.isArray(value)) return value;
  throw new EvalError(`${what} must be a list, got ${typeName(value)}`);
};
const map = (value, what = 'argument') => {
  if (isObject(value)) return value;
  throw new EvalError(`${what} must be a map or object, got ${typeName(value)}`);
};
const collection = (value) => (Array.isArray(value) ? value : isObject(value) ? sortedKeys(value).map((k) => value[k]) : list(value));

/** Go's encoding/json, as Terraform's jsonencode: sorted keys, no spaces, <>& escaped. */
export function goJson(value) {
  const encode = (v) => {
    if (v === null || v === undefined) return 'null';
    if (Array.isArray(v)) return `[${v.map(encode).join(',')}]`;
    if (isObject(v)) return `{${sortedKeys(v).map((k) => `${encode(k)}:${encode(v[k])}`).join(',')}}`;
    if (typeof v === 'string') return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    if (typeof v === 'number' || typeof v === 'boolean') return JSON.stringify(v);
    throw new EvalError(`cannot encode a ${typeName(v)} as JSON`);
  };
  return encode(value);
}

/** RE2 patterns as JavaScript RegExps (the subset infra/ uses: named groups (?P<n>) become (?<n>)). */
function regExp(pattern, flags = '') {
  try {
    return new RegExp(pattern.replace(/\(\?P</g, '(?<'), flags);
  } catch (error) {
    throw new EvalError(`invalid regular expression ${JSON.stringify(pattern)}: ${error.message}`);
  }
}

function matchResult(match) {
  if (match.groups) return { ...match.groups };
  if (match.length > 1) return match.slice(1).map((g) => g ?? null);
  return match[0];
}

function formatValue(verb, value) {
  switch (verb) {
    case 's':
      return str(value);
    case 'd':
      return String(Math.trunc(Number(value)));
    case 'q':
      return JSON.stringify(str(value));
    case 'v':
      return typeof value === 'string' ? value : goJson(value);
    case 'f':
      return Number(value).toFixed(6);
    default:
      throw new EvalError(`format verb %${verb} is not supported`);
  }
}

// Functions whose arguments may hold Unknown parts: they only move values around.
const STRUCTURAL = new Set(['concat', 'flatten', 'merge', 'values', 'keys', 'length', 'element', 'lookup', 'tolist', 'tomap', 'coalesce', 'one', 'compact', 'slice', 'reverse', 'setunion', 'zipmap', 'coalescelist']);

const BUILTINS = {
  // --- collections ---------------------------------------------------------
  values: (m) => sortedKeys(map(m)).map((k) => m[k]),
  keys: (m) => sortedKeys(map(m)),
  length: (v) => (typeof v === 'string' ? [...v].length : Array.isArray(v) ? v.length : sortedKeys(map(v, 'length()\'s argument')).length),
  flatten: (v) => {
    const out = [];
    const walk = (items) => items.forEach((item) => (Array.isArray(item) ? walk(item) : out.push(item)));
    walk(list(v));
    return out;
  },
  concat: (...lists) => lists.flatMap((l) => list(l)),
  distinct: (v) => list(v).filter((item, i, all) => all.findIndex((other) => deepEqual(other, item)) === i),
  element: (l, i) => {
    const items = list(l);
    if (items.length === 0) throw new EvalError('element() of an empty list');
    return items[((Math.trunc(Number(i)) % items.length) + items.length) % items.length];
  },
  one: (v) => {
    const items = collection(v);
    if (items.length > 1) throw new EvalError(`one() needs at most one element, got ${items.length}`);
    return items.length ? items[0] : null;
  },
  contains: (l, v) => collection(l).some((item) => deepEqual(item, v)),
  index: (l, v) => {
    const at = list(l).findIndex((item) => deepEqual(item, v));
    if (at < 0) throw new EvalError('index(): value not found');
    return at;
  },
  merge: (...maps) => Object.assign({}, ...maps.filter((m) => m !== null).map((m) => map(m))),
  lookup: (m, key, ...fallback) => {
    const object = map(m);
    if (Object.prototype.hasOwnProperty.call(object, str(key))) return object[key];
    if (fallback.length) return fallback[0];
    throw new EvalError(`lookup(): no key "${key}"`);
  },
  alltrue: (l) => list(l).every((v) => v === true || v === 'true'),
  anytrue: (l) => list(l).some((v) => v === true || v === 'true'),
  toset: (l) => {
    const items = BUILTINS.distinct(collection(l));
    return items.every((item) => typeof item === 'string') ? items.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) : items;
  },
  tolist: (l) => collection(l),
  tomap: (m) => ({ ...map(m) }),
  coalesce: (...values) => {
    const found = values.find((v) => v !== null && v !== '');
    if (found === undefined) throw new EvalError('coalesce(): no non-null, non-empty argument');
    return found;
  },
  coalescelist: (...lists) => lists.find((l) => list(l).length > 0) ?? [],
  compact: (l) => list(l).filter((v) => v !== null && v !== ''),
  slice: (l, from, to) => list(l).slice(from, to),
  reverse: (l) => [...list(l)].reverse(),
  sort: (l) => list(l).map((v) => str(v)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
  range: (...args) => {
    const [start, end, step] = args.length === 1 ? [0, args[0], 1] : [args[0], args[1], args[2] ?? 1];
    const out = [];
    for (let i = start; step > 0 ? i < end : i > end; i += step) out.push(i);
    return out;
  },
  zipmap: (ks, vs) => Object.fromEntries(list(ks).map((k, i) => [str(k), list(vs)[i]])),
  setunion: (...sets) => BUILTINS.toset(sets.flatMap((s) => collection(s))),
  sum: (l) => list(l).reduce((a, b) => a + Number(b), 0),
  min: (...n) => Math.min(...n.map(Number)),
  max: (...n) => Math.max(...n.map(Number)),

  // --- strings -------------------------------------------------------------
  split: (sep, s) => str(s).split(str(sep)),
  join: (sep, l) => list(l).map((v) => str(v, 'join() item')).join(str(sep)),
  replace: (s, search, replacement) => {
    const from = str(search);
    if (from.length > 1 && from.startsWith('/') && from.endsWith('/')) {
      return str(s).replace(regExp(from.slice(1, -1), 'g'), str(replacement).replace(/\$\{?(\w+)\}?/g, (_, g) => `$<${g}>`).replace(/\$<(\d+)>/g, '$$$1'));
    }
    return str(s).split(from).join(str(replacement));
  },
  regex: (pattern, s) => {
    const match = regExp(str(pattern)).exec(str(s));
    if (!match) throw new EvalError(`regex(): pattern did not match ${JSON.stringify(s)}`);
    return matchResult(match);
  },
  regexall: (pattern, s) => [...str(s).matchAll(regExp(str(pattern), 'g'))].map(matchResult),
  format: (spec, ...args) => {
    let next = 0;
    return str(spec).replace(/%(%|[-+ 0#]*\d*(?:\.\d+)?([sdqvf]))/g, (all, body, verb) => (body === '%' ? '%' : formatValue(verb, args[next++])));
  },
  lower: (s) => str(s).toLowerCase(),
  upper: (s) => str(s).toUpperCase(),
  title: (s) => str(s).replace(/\b\w/g, (c) => c.toUpperCase()),
  trimprefix: (s, p) => (str(s).startsWith(str(p)) ? s.slice(p.length) : s),
  trimsuffix: (s, p) => (str(s).endsWith(str(p)) && p.length ? s.slice(0, -p.length) : s),
  trimspace: (s) => str(s).trim(),
  chomp: (s) => str(s).replace(/(\r?\n)+$/, ''),
  startswith: (s, p) => str(s).startsWith(str(p)),
  endswith: (s, p) => str(s).endsWith(str(p)),
  strcontains: (s, p) => str(s).includes(str(p)),
  substr: (s, offset, length) => {
    const chars = [...str(s)];
    const start = offset < 0 ? chars.length + offset : offset;
    return chars.slice(start, length < 0 ? undefined : start + length).join('');
  },
  tostring: (v) => (v === null ? null : str(v)),
  tonumber: (v) => {
    if (v === null || typeof v === 'number') return v;
    const n = Number(str(v));
    if (Number.isNaN(n)) throw new EvalError(`tonumber(): ${JSON.stringify(v)} is not a number`);
    return n;
  },
  tobool: (v) => {
    if (v === null || typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    throw new EvalError(`tobool(): ${JSON.stringify(v)} is not a bool`);
  },

  // --- encoding and paths --------------------------------------------------
  jsonencode: (v) => goJson(v),
  jsondecode: (s) => {
    try {
      return JSON.parse(str(s));
    } catch (error) {
      throw new EvalError(`jsondecode(): ${error.message}`);
    }
  },
  basename: (p) => path.posix.basename(str(p)),
  dirname: (p) => path.posix.dirname(str(p)),
  abspath: (p) => path.posix.resolve(str(p)),
  nonsensitive: (v) => v,
  sensitive: (v) => v,
};

function withUnknowns(name, implementation) {
  const structural = STRUCTURAL.has(name);
  return (...args) => {
    const forced = args.map((arg) => force(arg));
    const unknown = structural ? forced.find(isUnknown) : forced.map(findUnknown).find(Boolean);
    if (unknown) return unknown;
    return implementation(...forced);
  };
}

/**
 * Terraform's functions plus `extra` (Terragrunt's, file()). readFile(path)
 * reads a file for file(); relative paths are resolved against `baseDir`.
 */
export function createFunctions({ readFile, baseDir = '/', extra = {} } = {}) {
  const functions = {};
  for (const [name, implementation] of Object.entries(BUILTINS)) functions[name] = withUnknowns(name, implementation);
  functions.file = withUnknowns('file', (p) => {
    if (!readFile) throw new EvalError('file() is not available here');
    return readFile(path.posix.resolve(baseDir, str(p)));
  });

  // try() and can() evaluate their own arguments, to catch errors.
  const tryFn = (evaluateArg, args) => {
    const errors = [];
    for (const arg of args) {
      try {
        return force(evaluateArg(arg));
      } catch (error) {
        if (!(error instanceof EvalError)) throw error;
        errors.push(error.message);
      }
    }
    throw new EvalError(`try(): no argument could be evaluated: ${errors.join('; ')}`);
  };
  tryFn.raw = true;
  const canFn = (evaluateArg, args) => {
    if (args.length !== 1) throw new EvalError('can() takes one argument');
    try {
      const value = force(evaluateArg(args[0]));
      const unknown = findUnknown(value);
      return unknown ?? true;
    } catch (error) {
      if (!(error instanceof EvalError)) throw error;
      return false;
    }
  };
  canFn.raw = true;
  functions.try = tryFn;
  functions.can = canFn;
  return { ...functions, ...extra };
}

