// A Terraform module instance: a module of infra/modules with its input
// values, evaluated lazily as Terraform would after apply. var, local, data,
// module and resource references resolve on first read; count and for_each
// expand blocks into instances (count.index, each.key/each.value); nested
// module calls are module instances of their own. Resource and data source
// attributes are the block's arguments plus what AWS assigns
// (aws-attributes.mjs); anything else is Unknown.
import path from 'node:path';
import { blocks, labelled } from '../hcl-values.mjs';
import { DATA_ATTRIBUTES, RESOURCE_ATTRIBUTES } from './aws-attributes.mjs';
import { META, blockKinds, evaluateBody, expandBlocks } from './blocks.mjs';
import { childScope, evaluateValue, iterate } from './expression.mjs';
import { renderPolicyDocument } from './policy-document.mjs';
import { convert, parseType } from './types.mjs';
import { EvalError, Lazy, Unknown, findUnknown, force, isUnknown, isObject } from './values.mjs';

const PROVIDER_REF = /^\$\{([A-Za-z0-9_-]+)(?:\.([A-Za-z0-9_-]+))?\}$/;

/** The provider alias a block names (provider = aws.us_east_1 → "us_east_1"; none → ""). */
function providerAlias(body) {
  const match = typeof body.provider === 'string' ? PROVIDER_REF.exec(body.provider) : null;
  return match?.[2] ?? '';
}

function collectBlocks(module) {
  const found = { variable: new Map(), locals: new Map(), data: new Map(), resource: new Map(), module: new Map(), output: new Map() };
  for (const file of module.files.filter((f) => f.body)) {
    for (const [[name], body] of labelled(file.body, 'variable', 1)) found.variable.set(name, { name, body, file: file.path });
    for (const [[name], body] of labelled(file.body, 'module', 1)) found.module.set(name, { name, body, file: file.path });
    for (const [[name], body] of labelled(file.body, 'output', 1)) found.output.set(name, { name, body, file: file.path });
    for (const kind of ['data', 'resource']) {
      for (const [[type, name], body] of labelled(file.body, kind, 2)) found[kind].set(`${type}.${name}`, { type, name, body, file: file.path });
    }
    const locals = file.body.locals ? (Array.isArray(file.body.locals) ? file.body.locals : [file.body.locals]) : [];
    for (const block of locals) for (const [name, value] of Object.entries(block)) found.locals.set(name, { name, value, file: file.path });
  }
  return found;
}

export class ModuleInstance {
  /**
   * context: the render's shared state ({ tree, infraDir, registry, functionsFor(dir) });
   * module: a tree module; inputs: name → () => value; providers: alias → { region, account };
   * unit: { path, distributionId() }; address: "" or "module.x." for nested instances.
   */
  constructor(context, { module, inputs, providers, unit, address = '' }) {
    this.context = context;
    this.module = module;
    this.inputs = inputs;
    this.providers = providers;
    this.unit = unit;
    this.address = address;
    this.blocks = collectBlocks(module);
    this.functions = context.functionsFor(path.join(context.infraDir, module.dir));
    this.instances = new Map();
    this.children = new Map();

    this.vars = new Lazy({
      label: `${this.where()}var`,
      keys: () => [...this.blocks.variable.keys()],
      compute: (name) => this.variable(name),
    });
    this.locals = new Lazy({
      label: `${this.where()}local`,
      keys: () => [...this.blocks.locals.keys()],
      compute: (name) => {
        const local = this.blocks.locals.get(name);
        return evaluateValue(local.value, this.scope(local.file, `local.${name}`));
      },
    });
    this.outputs = new Lazy({
      label: `${this.where()}output`,
      keys: () => [...this.blocks.output.keys()],
      compute: (name) => {
        const output = this.blocks.output.get(name);
        return evaluateValue(output.body.value, this.scope(output.file, `output.${name}`));
      },
    });
    this.data = this.typeIndex('data');
    this.resources = this.typeIndex('resource');
    this.moduleCalls = new Lazy({
      label: `${this.where()}module`,
      keys: () => [...this.blocks.module.keys()],
      compute: (name) => this.expand('module', name),
    });
  }

  where() {
    return `${this.unit.path} ${this.address}`;
  }

  provider(alias) {
    const provider = this.providers[alias];
    if (!provider) throw new EvalError(`${this.where()}: no provider aws${alias ? `.${alias}` : ''} is configured`);
    return provider;
  }

  typeIndex(kind) {
    const types = () => [...new Set([...this.blocks[kind].values()].map((b) => b.type))];
    return new Lazy({
      label: `${this.where()}${kind === 'data' ? 'data' : 'resources'}`,
      keys: types,
      compute: (type) => new Lazy({
        label: `${this.where()}${kind === 'data' ? 'data.' : ''}${type}`,
        keys: () => [...this.blocks[kind].values()].filter((b) => b.type === type).map((b) => b.name),
        compute: (name) => this.expand(kind, `${type}.${name}`),
      }),
    });
  }

  /** The scope expressions of `file` are evaluated in; `where` names the place in errors. */
  scope(file, where, extra = {}) {
    const base = {
      functions: this.functions,
      where: `${this.unit.path} ${file} ${this.address}${where}`,
      lookup: (name) => {
        switch (name) {
          case 'var':
            return this.vars;
          case 'local':
            return this.locals;
          case 'data':
            return this.data;
          case 'module':
            return this.moduleCalls;
          case 'path':
            return { module: path.join(this.context.infraDir, this.module.dir), root: path.join(this.context.infraDir, this.unit.path), cwd: path.join(this.context.infraDir, this.unit.path) };
          case 'terraform':
            return { workspace: 'default' };
          default:
            return this.resources.has(name) ? this.resources.get(name) : undefined;
        }
      },
    };
    return Object.keys(extra).length ? childScope(base, extra) : base;
  }

  variable(name) {
    const { body, file } = this.blocks.variable.get(name);
    const scope = this.scope(file, `variable.${name}`);
    const type = parseType(body.type);
    const label = `${this.where()}var.${name}`;
    if (this.inputs[name]) return convert(this.inputs[name](), type, label);
    if ('default' in body) return convert(evaluateValue(body.default, scope), type, label);
    throw new EvalError(`${label} (${file}) is required, but no value is given`);
  }

  /**
   * Instances of a block (kind "data", "resource" or "module"; key "type.name"
   * or the module name): one value, a list (count) or an object (for_each).
   */
  expand(kind, key) {
    const cacheKey = `${kind}:${key}`;
    if (this.instances.has(cacheKey)) return this.instances.get(cacheKey);
    const block = this.blocks[kind].get(key);
    const address = kind === 'module' ? `module.${key}` : kind === 'data' ? `data.${key}` : key;
    const scope = this.scope(block.file, address);
    const make = (suffix, extra) => (kind === 'module' ? this.child(block, suffix, extra) : this.instance(kind, block, `${address}${suffix}`, extra));
    let value;
    if (block.body.count !== undefined) {
      const count = evaluateValue(block.body.count, scope);
      value = isUnknown(count) ? count : Array.from({ length: Number(count) }, (_, index) => make(`[${index}]`, { count: { index } }));
    } else if (block.body.for_each !== undefined) {
      const collection = evaluateValue(block.body.for_each, scope);
      if (isUnknown(collection)) value = collection;
      else {
        value = {};
        for (const [itemKey, itemValue] of iterate(collection, `${address} for_each`)) {
          const eachKey = Array.isArray(collection) ? itemValue : itemKey;
          value[eachKey] = make(`[${JSON.stringify(eachKey)}]`, { each: { key: eachKey, value: itemValue } });
        }
      }
    } else {
      value = make('', {});
    }
    this.instances.set(cacheKey, value);
    return value;
  }

  /** A resource or data source instance: its arguments, nested blocks and AWS-assigned attributes, read lazily. */
  instance(kind, block, address, extra) {
    const scope = this.scope(block.file, address, extra);
    const attributes = (kind === 'data' ? DATA_ATTRIBUTES : RESOURCE_ATTRIBUTES)[block.type] ?? {};
    const kinds = blockKinds(block.body);
    const argumentNames = Object.keys(block.body).filter((name) => !META.has(name) && !kinds.has(name));
    const alias = providerAlias(block.body);
    const self = this;
    const argument = (name) => {
      if (kinds.has(name)) return expandBlocks(block.body, name, scope).map((b) => evaluateBody(b.body, b.scope));
      return evaluateValue(block.body[name], scope);
    };
    const r = {
      get account() {
        return self.provider(alias).account;
      },
      get region() {
        return self.provider(alias).region;
      },
      partition: this.context.partition,
      // What hashed ids (key ids, API ids) are derived from: <account>/<region>/<unit path>/<address>.
      get seed() {
        return `${this.account}/${this.region}/${self.unit.path}/${self.address}${address}`;
      },
      arg: (name) => {
        const value = block.body[name] === undefined && !kinds.has(name) ? null : lazy.get(name);
        if (isUnknown(value)) throw new EvalError(`${address}.${name} is not known (${value.reason})`);
        return value;
      },
      distributionId: () => this.unit.distributionId(),
    };
    let policy = null;
    const renderedPolicy = () => {
      policy ??= renderPolicyDocument(block.body, scope, `${block.file} data.${block.type}.${block.name}`, this.context.registry);
      return policy;
    };
    const computed = block.type === 'aws_iam_policy_document' && kind === 'data'
      ? { json: () => renderedPolicy().json, minified_json: () => renderedPolicy().minifiedJson, id: () => renderedPolicy().minifiedJson }
      : Object.fromEntries(Object.entries(attributes).map(([name, derive]) => [name, () => derive(r)]));
    const lazy = new Lazy({
      label: `${this.where()}${address}`,
      keys: () => [...new Set([...argumentNames, ...kinds, ...Object.keys(computed)])],
      compute: (name) => {
        if (argumentNames.includes(name) || kinds.has(name)) return argument(name);
        try {
          return computed[name]();
        } catch (error) {
          if (error instanceof EvalError && /is not known/.test(error.message)) return new Unknown(error.message);
          throw error;
        }
      },
    });
    // Reading an attribute neither written nor modelled gives Unknown rather than an error.
    const get = lazy.get.bind(lazy);
    lazy.get = (name) => (lazy.has(name) ? get(name) : new Unknown(`${address}.${name} is assigned by AWS and not modelled by the renderer`));
    lazy.meta = { kind, type: block.type, name: block.name, address: `${this.address}${address}`, file: block.file, alias, module: this, scope };
    return lazy;
  }

  /** A nested module call's instance: its outputs, read lazily. */
  child(block, suffix, extra) {
    const key = `${block.name}${suffix}`;
    if (this.children.has(key)) return this.children.get(key).outputs;
    const source = block.body.source;
    const dir = path.posix.normalize(path.posix.join(this.module.dir, source));
    const module = [...this.context.tree.modules.values()].find((m) => m.dir === dir);
    if (!module) throw new EvalError(`${this.where()}module.${block.name}: source ${source} is not a module of infra/modules`);
    const scope = this.scope(block.file, `module.${block.name}${suffix}`, extra);
    const inputs = {};
    for (const [name, value] of Object.entries(block.body)) {
      if (META.has(name)) continue;
      inputs[name] = () => evaluateValue(value, scope);
    }
    const instance = new ModuleInstance(this.context, {
      module,
      inputs,
      providers: this.childProviders(block.body.providers),
      unit: this.unit,
      address: `${this.address}module.${block.name}${suffix}.`,
    });
    this.children.set(key, instance);
    return instance.outputs;
  }

  /** providers = { aws = aws, aws.dns = aws.dns }: the child's aliases mapped to ours; without it the child inherits ours. */
  childProviders(mapping) {
    if (!isObject(mapping)) return this.providers;
    const providers = { ...this.providers };
    for (const [childName, parentRef] of Object.entries(mapping)) {
      const childAlias = childName.includes('.') ? childName.split('.')[1] : '';
      const match = typeof parentRef === 'string' ? PROVIDER_REF.exec(parentRef) : null;
      if (match) providers[childAlias] = this.provider(match[2] ?? '');
    }
    return providers;
  }

  /**
   * The lifecycle preconditions of every resource instance in this module and the modules it calls,
   * evaluated as `terraform plan` does: [{ address, file, errorMessage }] for each one that is false.
   * A condition that is not known before apply is not judged (Terraform checks it at apply).
   */
  failedPreconditions() {
    const failed = [];
    for (const [key, block] of this.blocks.resource) {
      const preconditions = blocks(block.body, 'lifecycle').flatMap((lifecycle) => blocks(lifecycle, 'precondition'));
      if (preconditions.length === 0) continue;
      const value = this.expand('resource', key);
      if (isUnknown(value)) continue;
      for (const instance of Array.isArray(value) ? value : isObject(value) && !(value instanceof Lazy) ? Object.values(value) : [value]) {
        for (const precondition of preconditions) {
          const condition = force(evaluateValue(precondition.condition, instance.meta.scope));
          if (isUnknown(condition) || findUnknown(condition) || condition !== false) continue;
          const message = force(evaluateValue(precondition.error_message, instance.meta.scope));
          failed.push({ address: instance.meta.address, file: block.file, errorMessage: isUnknown(message) ? '(error_message not known)' : String(message) });
        }
      }
    }
    for (const name of this.blocks.module.keys()) this.expand('module', name);
    for (const child of this.children.values()) failed.push(...child.failedPreconditions());
    return failed;
  }

  /** Every instance of resources of `type` in this module and the modules it calls: Lazy instances with .meta. */
  resourcesOfType(type) {
    const found = [];
    for (const [key, block] of this.blocks.resource) {
      if (block.type !== type) continue;
      const value = this.expand('resource', key);
      if (isUnknown(value)) throw new EvalError(`${this.where()}${key}: count/for_each not known (${value.reason})`);
      found.push(...(Array.isArray(value) ? value : isObject(value) ? Object.values(value) : [value]));
    }
    for (const name of this.blocks.module.keys()) {
      this.expand('module', name);
    }
    for (const child of this.children.values()) found.push(...child.resourcesOfType(type));
    return found;
  }
}
