// A Terraform module (or a Terragrunt file) as HashiCorp's HCL parser reads it, with just enough
// evaluation for the local edge to take its values from infra/: literals, `var.x` (an input, else
// the variable's default), `local.x`, `path.module`, `file("…")`, attribute access on those, and
// references to resources and data sources (returned as references, not values). Anything else
// cannot be resolved here, and reading it fails with one line naming the file and the attribute:
// the local cloud never substitutes a value of its own.
import { readFile, readdir } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { parse } from '@cdktf/hcl2json';

export class EdgeConfigError extends Error {}

/** A reference to a resource or data source attribute, e.g. aws_cloudfront_function.directory_index.arn. */
export class Reference {
  constructor({ mode, type, name, attribute }) {
    Object.assign(this, { mode, type, name, attribute });
    Object.freeze(this);
  }

  toString() {
    return `${this.mode === 'data' ? 'data.' : ''}${this.type}.${this.name}.${this.attribute}`;
  }
}

/**
 * Parses every *.tf file of a module folder (or the single .hcl file given).
 * @param {string} path a module folder, or one .hcl/.tf file
 * @param {{ root?: string, inputs?: Record<string, unknown>, locals?: Record<string, unknown> }} options
 *   root: what file names in messages are relative to; inputs: the caller's values for variables;
 *   locals: values that stand in for locals the caller computes itself (Terragrunt's, for example).
 */
export async function loadTerraform(path, { root = process.cwd(), inputs = {}, locals = {} } = {}) {
  const isFile = /\.(tf|hcl)$/.test(path);
  const dir = isFile ? join(path, '..') : path;
  const names = isFile ? [basename(path)] : (await readdir(dir)).filter(n => n.endsWith('.tf')).sort();
  const files = [];
  for (const name of names) {
    const file = join(dir, name);
    const text = await readFile(file, 'utf8');
    let json;
    try {
      json = await parse(name, text);
    } catch (err) {
      throw new EdgeConfigError(`${relative(root, file)}: not valid HCL (${String(err.message ?? err).split('\n')[0]})`);
    }
    files.push({ file: relative(root, file), json });
  }
  return new TerraformModule({ dir, files, inputs, locals });
}

class TerraformModule {
  constructor({ dir, files, inputs, locals }) {
    this.dir = dir;
    this.inputs = inputs;
    this.localOverrides = locals;
    this.variables = new Map();
    this.locals = new Map();
    this.blocks = new Map(); // "resource.type.name" / "data.type.name" → { file, body }
    this.topLevel = new Map(); // e.g. "inputs" → { file, body }
    for (const { file, json } of files) {
      for (const [name, [body]] of Object.entries(json.variable ?? {})) this.variables.set(name, { file, body });
      for (const localsBlock of json.locals ?? []) {
        for (const [name, value] of Object.entries(localsBlock)) this.locals.set(name, { file, value });
      }
      for (const mode of ['resource', 'data']) {
        for (const [type, byName] of Object.entries(json[mode] ?? {})) {
          for (const [name, [body]] of Object.entries(byName)) this.blocks.set(`${mode}.${type}.${name}`, { file, body });
        }
      }
      for (const [key, value] of Object.entries(json)) {
        if (!['variable', 'locals', 'resource', 'data', 'module', 'output', 'terraform', 'provider'].includes(key)) {
          this.topLevel.set(key, { file, body: value });
        }
      }
    }
  }

  /** Every resource of a type: [{ name, file, body }]. */
  resources(type) {
    return [...this.blocks].filter(([key]) => key.startsWith(`resource.${type}.`))
      .map(([key, { file, body }]) => ({ name: key.slice(`resource.${type}.`.length), file, body, address: key.slice('resource.'.length) }));
  }

  /** The resource a reference points at, or a one-line error. */
  resolveReference(ref, where, expectedType) {
    if (!(ref instanceof Reference)) throw new EdgeConfigError(`${where}: expected a reference to ${expectedType ?? 'a resource'}, found ${JSON.stringify(ref)}`);
    if (expectedType && ref.type !== expectedType) throw new EdgeConfigError(`${where}: refers to ${ref}, expected a ${expectedType}`);
    const block = this.blocks.get(`${ref.mode}.${ref.type}.${ref.name}`);
    if (!block) throw new EdgeConfigError(`${where}: refers to ${ref}, which this module does not declare`);
    return { name: ref.name, address: `${ref.type}.${ref.name}`, ...block };
  }

  /** A top-level attribute (Terragrunt's `inputs = {…}`). */
  topLevelAttribute(name) {
    return this.topLevel.get(name);
  }

  /**
   * The value of one attribute, evaluated.
   * @param {object} body the block (as hcl2json gives it)
   * @param {string} name attribute name
   * @param {string} where "file: address" for messages
   * @param {{ optional?: boolean }} options
   */
  attribute(body, name, where, { optional = false } = {}) {
    if (!(name in body)) {
      if (optional) return undefined;
      throw new EdgeConfigError(`${where}.${name} is missing`);
    }
    return this.evaluate(body[name], `${where}.${name}`);
  }

  /** Nested blocks of a block (hcl2json gives them as arrays). */
  blocksOf(body, name) {
    return Array.isArray(body[name]) ? body[name] : body[name] ? [body[name]] : [];
  }

  evaluate(raw, where) {
    if (Array.isArray(raw)) return raw.map((item, i) => this.evaluate(item, `${where}[${i}]`));
    if (raw && typeof raw === 'object') {
      return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, this.evaluate(v, `${where}.${k}`)]));
    }
    if (typeof raw !== 'string' || !raw.includes('${')) return raw;
    const parts = splitTemplate(raw, where);
    if (parts.length === 1 && typeof parts[0] === 'object') return this.expression(parts[0].expr, where);
    return parts.map(part => {
      if (typeof part === 'string') return part;
      const value = this.expression(part.expr, where);
      if (typeof value === 'object' && value !== null) throw new EdgeConfigError(`${where}: cannot resolve \${${part.expr}} into a string`);
      return String(value);
    }).join('');
  }

  expression(expr, where) {
    const text = expr.trim();
    const unresolvable = reason => new EdgeConfigError(`${where}: cannot resolve \${${text}}${reason ? ` (${reason})` : ''}: give it a literal value or a variable default in infra/`);
    const call = /^file\((.*)\)$/s.exec(text);
    if (call) {
      const argument = call[1].trim();
      if (!argument.startsWith('"') || !argument.endsWith('"')) throw unresolvable('file() needs a string argument');
      const path = this.evaluate(unquote(argument.slice(1, -1)), where);
      return { file: path, read: () => readFile(path, 'utf8') };
    }
    if (text === 'path.module') return this.dir;
    const path = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*|\["[^"]*"\])*$/.test(text) ? text.match(/[A-Za-z_][\w-]*|\["[^"]*"\]/g).map(s => s.startsWith('[') ? s.slice(2, -2) : s) : null;
    if (!path) throw unresolvable('not a literal, variable, local or reference');
    const [head, ...rest] = path;
    let value;
    let remaining = rest.slice(1);
    if (head === 'var') {
      const name = rest[0];
      if (name in this.inputs) value = this.inputs[name];
      else {
        const variable = this.variables.get(name);
        if (!variable) throw unresolvable(`no variable "${name}" in this module`);
        if (!('default' in variable.body)) throw unresolvable(`variable "${name}" has no default and no input was given`);
        value = this.evaluate(variable.body.default, `${variable.file}: variable.${name}.default`);
      }
    } else if (head === 'local') {
      const name = rest[0];
      if (name in this.localOverrides) value = this.localOverrides[name];
      else {
        const local = this.locals.get(name);
        if (!local) throw unresolvable(`no local "${name}"`);
        value = this.evaluate(local.value, `${local.file}: local.${name}`);
      }
    } else if (head === 'data' && rest.length >= 3) {
      return new Reference({ mode: 'data', type: rest[0], name: rest[1], attribute: rest.slice(2).join('.') });
    } else if (head.includes('_') && rest.length >= 2 && this.blocks.has(`resource.${head}.${rest[0]}`)) {
      return new Reference({ mode: 'resource', type: head, name: rest[0], attribute: rest.slice(1).join('.') });
    } else {
      throw unresolvable();
    }
    for (const key of remaining) {
      if (value === null || typeof value !== 'object' || !(key in value)) throw unresolvable(`no "${key}" in the value`);
      value = value[key];
    }
    return value;
  }
}

/** "a-${x}-b" → ['a-', {expr:'x'}, '-b'], with nested quotes and templates inside ${…} kept whole. */
function splitTemplate(text, where) {
  const parts = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i)) {
      literal += '${';
      i += 3;
      continue;
    }
    if (!text.startsWith('${', i)) {
      literal += text[i++];
      continue;
    }
    const end = endOfInterpolation(text, i + 2);
    if (end < 0) throw new EdgeConfigError(`${where}: unterminated \${ in ${JSON.stringify(text)}`);
    if (literal) parts.push(literal);
    literal = '';
    parts.push({ expr: text.slice(i + 2, end) });
    i = end + 1;
  }
  if (literal) parts.push(literal);
  return parts;
}

function endOfInterpolation(text, start) {
  const stack = ['expr'];
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    const mode = stack[stack.length - 1];
    if (mode === 'string') {
      if (c === '\\') i++;
      else if (c === '"') stack.pop();
      else if (c === '$' && text[i + 1] === '{') {
        stack.push('expr');
        i++;
      }
    } else if (c === '"') stack.push('string');
    else if (c === '{') stack.push('brace');
    else if (c === '}') {
      stack.pop();
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

function unquote(s) {
  return s.replace(/\\(["\\])/g, '$1');
}
