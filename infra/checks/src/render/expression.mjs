// Evaluates HCL native expressions (see parser.mjs) and hcl2json attribute
// values. A scope is { lookup(name) → value or undefined, functions, where }:
// lookup resolves the root of a traversal (var, local, data, module, a
// resource type, each, count, path, include, dependency, a for variable, a
// dynamic block's iterator); functions are Terraform's (functions.mjs) plus
// whatever the caller adds (Terragrunt's).
import { parseTemplate, parseExpression } from './parser.mjs';
import { EvalError, deepEqual, force, isLazy, isObject, isUnknown, sortedKeys, typeName } from './values.mjs';

export { parseExpression, parseTemplate };

/** A scope that adds names (a for variable, each, count, an iterator) to another. */
export function childScope(scope, names) {
  return {
    ...scope,
    lookup: (name) => (Object.prototype.hasOwnProperty.call(names, name) ? names[name] : scope.lookup(name)),
  };
}

function describe(node) {
  switch (node.t) {
    case 'var':
      return node.name;
    case 'attr':
      return `${describe(node.obj)}.${node.name}`;
    case 'index':
      return `${describe(node.obj)}[${node.key.t === 'lit' ? JSON.stringify(node.key.v) : node.key.t === 'tmpl' && node.key.parts.every((p) => typeof p === 'string') ? JSON.stringify(node.key.parts.join('')) : '…'}]`;
    case 'splat':
      return `${describe(node.obj)}[*]`;
    case 'call':
      return `${node.name}(…)`;
    default:
      return 'expression';
  }
}

/** attribute or index access, for traversals and splats. */
export function access(value, key, label) {
  if (isUnknown(value)) return value;
  if (isLazy(value)) {
    if (typeof key !== 'string') throw new EvalError(`${label}: an object has no index ${key}`);
    return value.get(key);
  }
  if (value === null) throw new EvalError(`${label}: cannot read "${key}" of null`);
  if (Array.isArray(value)) {
    const index = typeof key === 'string' && /^[0-9]+$/.test(key) ? Number(key) : key;
    if (typeof index !== 'number' || !Number.isInteger(index)) throw new EvalError(`${label}: a list has no attribute "${key}"`);
    if (index < 0 || index >= value.length) throw new EvalError(`${label}: index ${index} out of range (length ${value.length})`);
    return value[index];
  }
  if (isObject(value)) {
    const name = String(key);
    if (!Object.prototype.hasOwnProperty.call(value, name)) throw new EvalError(`${label}: no attribute or key "${name}" (has ${Object.keys(value).join(', ') || 'none'})`);
    return value[name];
  }
  throw new EvalError(`${label}: a ${typeName(value)} has no attribute "${key}"`);
}

function toNumber(value, op) {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  throw new EvalError(`operator ${op} needs numbers, got ${typeName(value)}`);
}

function toBool(value, what) {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new EvalError(`${what} needs a bool, got ${typeName(value)} ${JSON.stringify(value)}`);
}

/** A value as template text. */
export function stringify(value, label = 'template') {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) throw new EvalError(`${label}: cannot interpolate null`);
  throw new EvalError(`${label}: cannot interpolate a ${typeName(value)}`);
}

/** Items of a collection a for expression or for_each walks: [key, value] pairs. */
export function iterate(collection, label) {
  const value = isLazy(collection) ? force(collection, false) : collection;
  if (Array.isArray(value)) return value.map((item, index) => [index, item]);
  if (isObject(value)) return sortedKeys(value).map((key) => [key, value[key]]);
  if (value === null) throw new EvalError(`${label}: cannot iterate over null`);
  throw new EvalError(`${label}: cannot iterate over a ${typeName(value)}`);
}

const BINARY = {
  '+': (a, b) => toNumber(a, '+') + toNumber(b, '+'),
  '-': (a, b) => toNumber(a, '-') - toNumber(b, '-'),
  '*': (a, b) => toNumber(a, '*') * toNumber(b, '*'),
  '/': (a, b) => toNumber(a, '/') / toNumber(b, '/'),
  '%': (a, b) => toNumber(a, '%') % toNumber(b, '%'),
  '<': (a, b) => toNumber(a, '<') < toNumber(b, '<'),
  '>': (a, b) => toNumber(a, '>') > toNumber(b, '>'),
  '<=': (a, b) => toNumber(a, '<=') <= toNumber(b, '<='),
  '>=': (a, b) => toNumber(a, '>=') >= toNumber(b, '>='),
  '==': (a, b) => deepEqual(force(a), force(b)),
  '!=': (a, b) => !deepEqual(force(a), force(b)),
};

export function evaluate(node, scope) {
  switch (node.t) {
    case 'lit':
      return node.v;
    case 'paren':
      return evaluate(node.x, scope);
    case 'tmpl':
      return evaluateTemplate(node, scope);
    case 'var': {
      const value = scope.lookup(node.name);
      if (value === undefined) throw new EvalError(`unknown name "${node.name}"`);
      return value;
    }
    case 'attr':
    case 'index': {
      const object = evaluate(node.obj, scope);
      const key = node.t === 'attr' ? node.name : evaluate(node.key, scope);
      if (isUnknown(key)) return key;
      return access(object, key, describe(node));
    }
    case 'splat': {
      let list = evaluate(node.obj, scope);
      if (isUnknown(list)) return list;
      if (list === null) return [];
      if (isLazy(list) || isObject(list)) list = [list];
      return list.map((item) => node.ops.reduce((value, op) => {
        const key = op.t === 'attr' ? op.name : evaluate(op.key, scope);
        return access(value, key, describe(node));
      }, item));
    }
    case 'call':
      return call(node, scope);
    case 'tuple':
      return node.items.map((item) => evaluate(item, scope));
    case 'object': {
      const object = {};
      for (const item of node.items) {
        const key = item.name ?? evaluate(item.key, scope);
        if (isUnknown(key)) return key;
        object[stringify(key, 'object key')] = evaluate(item.value, scope);
      }
      return object;
    }
    case 'fortuple':
    case 'forobj':
      return evaluateFor(node, scope);
    case 'cond': {
      const condition = evaluate(node.c, scope);
      if (isUnknown(condition)) return condition;
      return toBool(condition, 'a condition') ? evaluate(node.a, scope) : evaluate(node.b, scope);
    }
    case 'un': {
      const value = evaluate(node.x, scope);
      if (isUnknown(value)) return value;
      return node.op === '!' ? !toBool(value, 'operator !') : -toNumber(value, '-');
    }
    case 'bin': {
      const left = evaluate(node.l, scope);
      if (node.op === '&&' || node.op === '||') {
        if (isUnknown(left)) return left;
        const l = toBool(left, `operator ${node.op}`);
        if (node.op === '&&' ? !l : l) return l;
        const right = evaluate(node.r, scope);
        return isUnknown(right) ? right : toBool(right, `operator ${node.op}`);
      }
      const right = evaluate(node.r, scope);
      if (isUnknown(left)) return left;
      if (isUnknown(right)) return right;
      return BINARY[node.op](left, right);
    }
    default:
      throw new EvalError(`cannot evaluate a ${node.t} node`);
  }
}

function evaluateFor(node, scope) {
  const collection = evaluate(node.coll, scope);
  if (isUnknown(collection)) return collection;
  const tuple = node.t === 'fortuple';
  const results = tuple ? [] : {};
  for (const [key, value] of iterate(collection, 'for expression')) {
    const names = { [node.v]: value };
    if (node.k) names[node.k] = key;
    const inner = childScope(scope, names);
    if (node.cond) {
      const keep = evaluate(node.cond, inner);
      if (isUnknown(keep)) return keep;
      if (!toBool(keep, 'a for expression\'s if')) continue;
    }
    if (tuple) {
      results.push(evaluate(node.val, inner));
      continue;
    }
    const resultKey = evaluate(node.key, inner);
    if (isUnknown(resultKey)) return resultKey;
    const name = stringify(resultKey, 'for expression key');
    const item = evaluate(node.val, inner);
    if (node.group) (results[name] ??= []).push(item);
    else if (Object.prototype.hasOwnProperty.call(results, name)) throw new EvalError(`for expression: duplicate key "${name}" (use ... to group)`);
    else results[name] = item;
  }
  return results;
}

function evaluateTemplate(node, scope) {
  const { parts } = node;
  // "${expr}" alone is the expression's value, not its text.
  if (parts.length === 1 && typeof parts[0] !== 'string' && parts[0].t !== 'tif' && parts[0].t !== 'tfor') return evaluate(parts[0], scope);
  let text = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    let value;
    if (part.t === 'tif') {
      const condition = evaluate(part.cond, scope);
      if (isUnknown(condition)) return condition;
      value = evaluateTemplateText(toBool(condition, '%{if}') ? part.then : part.otherwise, scope);
    } else if (part.t === 'tfor') {
      const collection = evaluate(part.coll, scope);
      if (isUnknown(collection)) return collection;
      value = '';
      for (const [key, item] of iterate(collection, '%{for}')) {
        const names = { [part.v]: item };
        if (part.k) names[part.k] = key;
        const piece = evaluateTemplateText(part.body, childScope(scope, names));
        if (isUnknown(piece)) return piece;
        value += piece;
      }
    } else {
      value = evaluate(part, scope);
    }
    if (isUnknown(value)) return value;
    text += stringify(value, `interpolation of ${describe(part)}`);
  }
  return text;
}

/** A directive's body as text (never the bare value of a lone interpolation). */
function evaluateTemplateText(node, scope) {
  return evaluateTemplate({ t: 'tmpl', parts: [...node.parts, ''] }, scope);
}

function call(node, scope) {
  const name = node.name;
  const implementation = scope.functions[name];
  if (!implementation) throw new EvalError(`unknown function ${name}()`);
  // try() and can() see their arguments unevaluated, to catch their errors.
  if (implementation.raw) return implementation((arg) => evaluate(arg, scope), node.args);
  let args = node.args.map((arg) => evaluate(arg, scope));
  if (node.expand) {
    const last = args.pop();
    if (isUnknown(last)) return last;
    if (!Array.isArray(last)) throw new EvalError(`${name}(): only a list can be expanded with ...`);
    args = [...args, ...last];
  }
  try {
    return implementation(...args);
  } catch (error) {
    if (error instanceof EvalError) throw new EvalError(`${name}(): ${error.message}`);
    throw new EvalError(`${name}(): ${error.message}`, { cause: error });
  }
}

/**
 * Evaluates an hcl2json attribute value: strings are templates, arrays and
 * objects are evaluated item by item (keys holding ${} too), the rest is literal.
 */
export function evaluateValue(value, scope) {
  if (typeof value === 'string') {
    if (!value.includes('${') && !value.includes('%{')) return value;
    return evaluateSource(value, scope);
  }
  if (Array.isArray(value)) return value.map((item) => evaluateValue(item, scope));
  if (value && typeof value === 'object') {
    const object = {};
    for (const [key, item] of Object.entries(value)) {
      const name = key.includes('${') ? evaluateSource(key, scope) : key;
      if (isUnknown(name)) return name;
      object[stringify(name, 'object key')] = evaluateValue(item, scope);
    }
    return object;
  }
  return value;
}

/** Evaluates one template source, naming it and the scope's place in any error. */
export function evaluateSource(source, scope) {
  try {
    return evaluate(parseTemplate(source), scope);
  } catch (error) {
    const wrapped = new EvalError(`${scope.where ?? ''}: ${source.length > 200 ? `${source.slice(0, 200)}…` : source}: ${error.message}`);
    wrapped.hclSource = source;
    wrapped.cause = error;
    throw wrapped;
  }
}
