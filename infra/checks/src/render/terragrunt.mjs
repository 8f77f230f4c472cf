// A Terragrunt unit, evaluated as Terragrunt evaluates it: include blocks
// (root.hcl, _envcommon/<kind>.hcl) evaluated in the including unit's context
// (get_terragrunt_dir() is the unit's folder, path_relative_to_include() the
// unit's path from the included file's folder, find_in_parent_folders()
// searches upward from the unit), exposed includes readable as
// include.<label>.locals, locals lazy and memoised, inputs merged (the unit's
// win), dependency outputs being the real outputs of the dependency unit's
// module (never mock_outputs), and read_terragrunt_config() returning the
// read file's locals, evaluated in that file's own context.
//
// Preparing a unit (prepare()) is asynchronous because the providers
// Terragrunt generates (root.hcl's generate "provider") are rendered and then
// parsed with HashiCorp's parser: the default provider's region and
// allowed_account_ids are the unit's region and account, and its aliases
// (us_east_1, dns) are the regions and accounts of blocks that name them.
import path from 'node:path';
import { blocks, labelled } from '../hcl-values.mjs';
import { childScope, evaluateValue } from './expression.mjs';
import { ModuleInstance } from './terraform.mjs';
import { EvalError, Lazy, isObject, isUnknown } from './values.mjs';

const includeBlocks = (body) => (Array.isArray(body?.include) ? body.include.map((block) => ['', block]) : labelled(body, 'include', 1).map(([[label], block]) => [label, block]));

/** Locals of a Terragrunt file as a Lazy, evaluated in `scopeFor(name)`. */
function localsOf(body, label, scopeFor) {
  const locals = Object.assign({}, ...blocks(body, 'locals'));
  return new Lazy({ label, keys: () => Object.keys(locals), compute: (name) => evaluateValue(locals[name], scopeFor(name)) });
}

export class TerragruntUnit {
  /**
   * context: the render's state (see index.mjs): infraDir, tree, toRelative/toAbsolute,
   * fileBody(relative), functionsFor(dir, extra), findInParentFolders(), readTerragruntConfig(abs),
   * unitAt(relative), resolveDependency(relative), parse, registry, distributionIdOf(accountKey).
   * dir: infra-relative unit folder; body: its parsed terragrunt.hcl; file: the file the body was read from
   * (for a virtual unit, the template unit's terragrunt.hcl); virtual: whether dir is a virtual unit.
   */
  constructor(context, { dir, body, file, virtual = false }) {
    this.context = context;
    this.dir = dir;
    this.body = body;
    this.file = file;
    this.virtual = virtual;
    this.absDir = context.toAbsolute(dir);
    this.configPath = path.join(this.absDir, 'terragrunt.hcl');

    this.includes = includeBlocks(body).map(([label, block]) => {
      const where = `${dir} (${file}) include "${label}"`;
      const includePath = evaluateValue(block.path, this.fileScope(this.configPath, where, {}));
      const relative = context.toRelative(includePath);
      const includedBody = context.fileBody(relative);
      if (!includedBody) throw new EvalError(`${where}: ${block.path} → ${relative} is not a parsed file of infra/`);
      return { label, expose: block.expose === true, path: relative, absPath: includePath, body: includedBody };
    });
    for (const include of this.includes) {
      include.locals = localsOf(include.body, `${dir} include.${include.label}.locals`, (name) => this.fileScope(include.absPath, `${include.path} local.${name}`, { local: include.locals }));
    }
    this.locals = localsOf(body, `${dir} local`, (name) => this.fileScope(this.configPath, `${file} local.${name}`, this.unitNames()));

    // Merged blocks: every include's, then the unit's (the unit wins), each with the scope of the file it is written in.
    this.sources = [
      ...this.includes.map((include) => ({ body: include.body, file: include.path, names: () => ({ local: include.locals, dependency: this.dependencies }), absPath: include.absPath })),
      { body, file, names: () => this.unitNames(), absPath: this.configPath },
    ];
    this.dependencyBlocks = new Map();
    for (const source of this.sources) {
      for (const [[label], block] of labelled(source.body, 'dependency', 1)) this.dependencyBlocks.set(label, { block, source });
    }
    this.dependencies = new Lazy({
      label: `${dir} dependency`,
      keys: () => [...this.dependencyBlocks.keys()],
      compute: (label) => {
        const target = this.dependencyPaths().find((d) => d.label === label).target;
        return new Lazy({ label: `${dir} dependency.${label}`, keys: () => ['outputs'], compute: () => context.unitAt(target).outputs() });
      },
    });
  }

  /** Names every unit file and included file sees besides local. */
  unitNames() {
    const include = {};
    for (const item of this.includes.filter((i) => i.expose)) include[item.label] = { locals: item.locals };
    return { local: this.locals, include, dependency: this.dependencies };
  }

  /** The scope of an expression in `filePath` (absolute) evaluated for this unit. */
  fileScope(filePath, where, names) {
    const unitDir = this.absDir;
    const fileDir = path.dirname(filePath);
    const included = filePath !== this.configPath;
    const extra = {
      get_terragrunt_dir: () => unitDir,
      get_original_terragrunt_dir: () => unitDir,
      get_parent_terragrunt_dir: () => fileDir,
      path_relative_to_include: () => (included ? path.relative(fileDir, unitDir) : this.includes[0] ? path.relative(path.dirname(this.includes[0].absPath), unitDir) : '.'),
      path_relative_from_include: () => (included ? path.relative(unitDir, fileDir) : this.includes[0] ? path.relative(unitDir, path.dirname(this.includes[0].absPath)) : '.'),
      find_in_parent_folders: (name = 'terragrunt.hcl', ...fallback) => this.context.findInParentFolders(unitDir, name, fallback, where),
      read_terragrunt_config: (configPath) => this.context.readTerragruntConfig(path.resolve(unitDir, configPath)),
    };
    const base = { lookup: () => undefined, functions: this.context.functionsFor(unitDir, extra), where };
    return childScope(base, names);
  }

  /** [{ label, target }] of dependency blocks and dependencies.paths, targets infra-relative (re-homed for virtual units). */
  dependencyPaths() {
    if (this.resolvedDependencies) return this.resolvedDependencies;
    const found = [];
    for (const [label, { block, source }] of this.dependencyBlocks) {
      const value = evaluateValue(block.config_path, this.fileScope(source.absPath, `${source.file} dependency "${label}" config_path`, source.names()));
      found.push({ label, target: this.context.resolveDependency(this.context.toRelative(path.resolve(this.absDir, value))) });
    }
    for (const source of this.sources) {
      for (const dependencies of blocks(source.body, 'dependencies')) {
        const paths = evaluateValue(dependencies.paths ?? [], this.fileScope(source.absPath, `${source.file} dependencies.paths`, source.names()));
        for (const value of paths) found.push({ label: null, target: this.context.resolveDependency(this.context.toRelative(path.resolve(this.absDir, value))) });
      }
    }
    this.resolvedDependencies = found;
    return found;
  }

  /** The last terraform.source of the merged files, as an infra-relative module folder. */
  moduleDir() {
    const source = [...this.sources].reverse().find((s) => blocks(s.body, 'terraform').some((t) => t.source !== undefined));
    if (!source) return null;
    const raw = blocks(source.body, 'terraform').find((t) => t.source !== undefined).source;
    const value = evaluateValue(raw, this.fileScope(source.absPath, `${source.file} terraform.source`, source.names()));
    const [base, sub] = value.split('//');
    return this.context.toRelative(path.resolve(base, sub ?? '.'));
  }

  /** Renders generate "provider" and parses it: alias ("" for the default) → { region, account }. */
  async prepare() {
    const generate = this.sources.flatMap((source) => labelled(source.body, 'generate', 1).filter(([[label]]) => label === 'provider').map(([, block]) => ({ block, source })));
    const last = generate.at(-1);
    if (!last) throw new EvalError(`${this.dir}: no generate "provider" block among the unit and its includes`);
    const contents = evaluateValue(last.block.contents, this.fileScope(last.source.absPath, `${last.source.file} generate "provider" contents`, last.source.names()));
    if (typeof contents !== 'string') throw new EvalError(`${this.dir}: generate "provider" contents is not a string`);
    const parsed = await this.context.parse(`${this.dir}/provider.tf`, contents);
    if (!parsed.body) throw new EvalError(`${this.dir}: the generated provider.tf does not parse: ${parsed.error}`);
    this.providers = {};
    for (const [[name], block] of labelled(parsed.body, 'provider', 1)) {
      if (name !== 'aws') continue;
      const alias = block.alias ?? '';
      const account = Array.isArray(block.allowed_account_ids) && block.allowed_account_ids.length === 1 ? block.allowed_account_ids[0] : null;
      if (!account || typeof block.region !== 'string') throw new EvalError(`${this.dir}: generated provider aws${alias ? `.${alias}` : ''} needs a region and exactly one allowed account id`);
      this.providers[alias] = { region: block.region, account };
    }
    if (!this.providers['']) throw new EvalError(`${this.dir}: the generated provider.tf has no default aws provider`);
    this.account = this.providers[''].account;
    this.region = this.providers[''].region;
    this.accountKey = this.dir.split('/')[1];
    const moduleDir = this.moduleDir();
    this.module = [...this.context.tree.modules.values()].find((m) => m.dir === moduleDir) ?? null;
    if (!this.module) throw new EvalError(`${this.dir}: terraform.source → ${moduleDir} is not a module of infra/modules`);
    this.dependencyPaths();
    return this;
  }

  /** Input name → () => value: the includes' inputs, then the unit's (Terragrunt's shallow merge). */
  inputThunks() {
    const thunks = {};
    for (const source of this.sources) {
      const inputs = source.body.inputs;
      if (inputs === undefined) continue;
      const scope = this.fileScope(source.absPath, `${source.file} inputs`, source.names());
      if (isObject(inputs)) {
        for (const [name, value] of Object.entries(inputs)) {
          let cached;
          thunks[name] = () => (cached ??= { value: evaluateValue(value, childScope(scope, {})) }).value;
        }
      } else {
        const whole = evaluateValue(inputs, scope);
        if (isUnknown(whole) || !isObject(whole)) throw new EvalError(`${source.file}: inputs is not an object`);
        for (const [name, value] of Object.entries(whole)) thunks[name] = () => value;
      }
    }
    return thunks;
  }

  instance() {
    if (!this.providers) throw new EvalError(`${this.dir}: not prepared (a dependency the renderer did not discover?)`);
    this.moduleInstance ??= new ModuleInstance(this.context, {
      module: this.module,
      inputs: this.inputThunks(),
      providers: this.providers,
      unit: { path: this.dir, distributionId: () => this.context.distributionIdOf(this.accountKey) },
    });
    return this.moduleInstance;
  }

  outputs() {
    return this.instance().outputs;
  }
}

/** find_in_parent_folders(): from the unit's parent folder up to infra/; returns an absolute path. */
export function findInParentFolders({ infraDir, exists }, startDir, name, fallback, where) {
  for (let dir = path.dirname(startDir); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, name);
    const relative = path.relative(infraDir, candidate);
    if (!relative.startsWith('..') && exists(relative.split(path.sep).join('/'))) return candidate;
    if (dir === infraDir || dir === path.dirname(dir)) break;
  }
  if (fallback.length) return fallback[0];
  throw new EvalError(`${where}: find_in_parent_folders("${name}") found nothing above ${path.relative(infraDir, startDir)}`);
}
