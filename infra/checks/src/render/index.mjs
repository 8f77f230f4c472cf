// renderEnvironment(): the IAM and resource model AWS would hold for one
// environment after `terragrunt run-all apply`, evaluated from infra/ (the
// Terraform modules, the Terragrunt tree and environments.json). Nothing here
// names a policy, a resource or an ARN: all of it comes from the HCL.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadInfraTree } from '../infra-tree.mjs';
import { createParser } from '../parse-cache.mjs';
import { childScope, evaluateValue } from './expression.mjs';
import { createFunctions } from './functions.mjs';
import { createPolicyRegistry, policyFromJson } from './policy-document.mjs';
import { TerragruntUnit, findInParentFolders } from './terragrunt.mjs';
import { edgeModel } from './edge.mjs';
import { environmentPlan } from './units.mjs';
import { EvalError, Lazy, findUnknown, force, isUnknown } from './values.mjs';
import { blocks } from '../hcl-values.mjs';

const partitionOf = (region) => (region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws');

function createContext(tree, plan, parse) {
  const { infraDir } = tree;
  const bodies = new Map(tree.files.map((file) => [file.path, file.body]));
  const viewText = `${JSON.stringify(plan.view, null, 2)}\n`;
  const toRelative = (abs) => path.relative(infraDir, abs).split(path.sep).join('/');
  const readFile = (abs) => (toRelative(abs) === 'environments.json' ? viewText : readFileSync(abs, 'utf8'));
  const configs = new Map();
  const units = new Map();

  const context = {
    infraDir,
    tree,
    parse,
    registry: createPolicyRegistry(),
    partition: partitionOf(plan.view.pipelineRegion ?? 'eu-central-1'),
    toAbsolute: (relative) => path.join(infraDir, relative),
    toRelative,
    fileBody: (relative) => bodies.get(relative) ?? null,
    functionsFor: (dir, extra = {}) => createFunctions({ readFile, baseDir: dir, extra }),
    findInParentFolders: (startDir, name, fallback, where) => findInParentFolders({ infraDir, exists: (relative) => tree.paths.has(relative) }, startDir, name, fallback, where),

    /** read_terragrunt_config(): the file's locals, evaluated in its own context. */
    readTerragruntConfig(abs) {
      if (configs.has(abs)) return configs.get(abs);
      const relative = toRelative(abs);
      const body = bodies.get(relative);
      if (!body) throw new EvalError(`read_terragrunt_config("${relative}"): not a parsed file of infra/`);
      const dir = path.dirname(abs);
      const functions = context.functionsFor(dir, {
        get_terragrunt_dir: () => dir,
        get_parent_terragrunt_dir: () => dir,
        find_in_parent_folders: (name = 'terragrunt.hcl', ...fallback) => context.findInParentFolders(dir, name, fallback, relative),
        read_terragrunt_config: (other) => context.readTerragruntConfig(path.resolve(dir, other)),
      });
      const values = Object.assign({}, ...blocks(body, 'locals'));
      const locals = new Lazy({
        label: `${relative} local`,
        keys: () => Object.keys(values),
        compute: (name) => evaluateValue(values[name], childScope({ lookup: () => undefined, functions, where: `${relative} local.${name}` }, { local: locals })),
      });
      const config = { locals };
      configs.set(abs, config);
      return config;
    },

    unitAt(relative) {
      const unit = units.get(relative);
      if (!unit) throw new EvalError(`unit ${relative} is not part of this render (no such unit?)`);
      return unit;
    },
    resolveDependency: (relative) => plan.toVirtual(relative),
    distributionIdOf(accountKey) {
      const entry = Object.values(tree.environments.environments).find((e) => e.account === accountKey);
      if (!entry?.site?.distributionId) throw new EvalError(`is not known: environments.json names no site.distributionId for account ${accountKey}`);
      return entry.site.distributionId;
    },

    /** The unit at an infra-relative folder: real, or (virtual plan) a copy of the template's unit. */
    unit(relative) {
      if (units.has(relative)) return units.get(relative);
      const templateDir = plan.toTemplate(relative);
      const source = tree.units.find((u) => u.dir === templateDir);
      if (!source?.file.body) throw new EvalError(`no unit ${templateDir}${templateDir === relative ? '' : ` (template of ${relative})`} in infra/live`);
      const unit = new TerragruntUnit(context, { dir: relative, body: source.file.body, file: source.file.path, virtual: templateDir !== relative });
      units.set(relative, unit);
      return unit;
    },
  };
  return context;
}

/** The units an environment consists of (see units.mjs), prepared. */
async function selectUnits(context, tree, plan) {
  const selected = [];
  for (const { dir, parts } of tree.units) {
    if (parts[0] === plan.templateAccount) selected.push(context.unit(plan.toVirtual(dir)));
    else if (parts[0] === plan.templateStoreAccount) {
      const unit = context.unit(plan.toVirtual(dir));
      const moduleDir = unit.moduleDir();
      // Stores and pipelines are per environment: live/<store account>/<region>/{artifact-store,pipeline}/<environment>.
      const ofEnvironment = parts.at(-1) === plan.templateKey;
      const isStore = moduleDir === 'modules/artifact-store' && plan.storeRegions.includes(parts[1]) && ofEnvironment;
      const isPipeline = moduleDir === 'modules/pipeline' && ofEnvironment;
      if (isStore || isPipeline) selected.push(unit);
    }
  }
  const all = new Map(selected.map((unit) => [unit.dir, unit]));
  const queue = [...selected];
  while (queue.length) {
    const unit = queue.shift();
    for (const { target } of unit.dependencyPaths()) {
      if (all.has(target)) continue;
      const dependency = context.unit(target);
      all.set(target, dependency);
      queue.push(dependency);
    }
  }
  const units = [...all.values()].sort((a, b) => (a.dir < b.dir ? -1 : 1));
  await Promise.all(units.map((unit) => unit.prepare()));
  return units;
}

function known(value, label) {
  const forced = force(value);
  const unknown = findUnknown(forced);
  if (unknown) throw new EvalError(`${label}: not known before apply (${unknown.reason})`);
  return forced;
}

const origin = (unit, resource) => `${unit.dir} ${resource.meta.address}`;
const providerOf = (resource) => resource.meta.module.provider(resource.meta.alias);
const attr = (resource, name, unit) => known(resource.get(name), `${origin(unit, resource)}.${name}`);
const optionalAttr = (resource, name) => {
  const value = force(resource.get(name));
  return isUnknown(value) ? null : value;
};

/** A pipeline's Source action: its provider (CodeCommit, CodeStarSourceConnection) and configuration. */
function sourceActionOf(resource, unit) {
  // Only the Source stage must be known (the approval stage names a topic ARN AWS assigns).
  const stages = force(resource.get('stage'));
  const action = Array.isArray(stages) ? stages.find((stage) => stage.name === 'Source')?.action?.[0] : null;
  return action ? known({ provider: action.provider, configuration: action.configuration ?? {} }, `${origin(unit, resource)}.stage "Source"`) : null;
}

function collect(units, type) {
  return units.flatMap((unit) => unit.instance().resourcesOfType(type).map((resource) => ({ unit, resource })));
}

function policyOf(json, context, label) {
  const { document, statementOrigins } = policyFromJson(known(json, label), context.registry, label);
  return { document, statementOrigins };
}

function buildModel(context, units, environmentKey) {
  const accounts = {};
  for (const unit of units) accounts[unit.accountKey] = unit.account;

  const rolePolicies = collect(units, 'aws_iam_role_policy').map(({ unit, resource }) => {
    const label = origin(unit, resource);
    const { document, statementOrigins } = policyOf(resource.get('policy'), context, `${label}.policy`);
    return { account: providerOf(resource).account, role: attr(resource, 'role', unit), name: attr(resource, 'name', unit), document, statementOrigins };
  });

  const roles = collect(units, 'aws_iam_role').map(({ unit, resource }) => {
    const name = attr(resource, 'name', unit);
    const account = providerOf(resource).account;
    const trust = policyOf(resource.get('assume_role_policy'), context, `${origin(unit, resource)}.assume_role_policy`);
    const service = trust.document.Statement.map((s) => s.Principal?.Service).filter(Boolean).flat()[0] ?? null;
    return {
      name,
      arn: attr(resource, 'arn', unit),
      account,
      service,
      trustPolicy: trust.document,
      policies: rolePolicies.filter((p) => p.account === account && p.role === name).map((p) => ({ name: p.name, document: p.document, statementOrigins: p.statementOrigins })),
      origin: origin(unit, resource),
    };
  });

  const bucketPolicies = collect(units, 'aws_s3_bucket_policy');
  const encryptions = collect(units, 'aws_s3_bucket_server_side_encryption_configuration');
  const buckets = collect(units, 'aws_s3_bucket').map(({ unit, resource }) => {
    const name = attr(resource, 'bucket', unit);
    const account = providerOf(resource).account;
    const sameBucket = (entry) => providerOf(entry.resource).account === account && attr(entry.resource, 'bucket', entry.unit) === name;
    const policyEntry = bucketPolicies.find(sameBucket);
    const policy = policyEntry ? policyOf(policyEntry.resource.get('policy'), context, `${origin(policyEntry.unit, policyEntry.resource)}.policy`) : { document: null, statementOrigins: [] };
    const encryptionEntry = encryptions.find(sameBucket);
    const byDefault = encryptionEntry ? known(encryptionEntry.resource.get('rule'), `${origin(encryptionEntry.unit, encryptionEntry.resource)}.rule`)[0]?.apply_server_side_encryption_by_default?.[0] : null;
    return {
      name,
      arn: attr(resource, 'arn', unit),
      account,
      region: providerOf(resource).region,
      policy: policy.document,
      statementOrigins: policy.statementOrigins,
      // Without a configuration S3 encrypts with S3-managed keys.
      encryption: { algorithm: byDefault?.sse_algorithm ?? 'AES256', kmsKeyArn: byDefault?.kms_master_key_id ?? null },
      origin: origin(unit, resource),
    };
  });

  const aliases = collect(units, 'aws_kms_alias');
  const keys = collect(units, 'aws_kms_key').map(({ unit, resource }) => {
    const keyId = attr(resource, 'key_id', unit);
    const arn = attr(resource, 'arn', unit);
    const policy = policyOf(resource.get('policy'), context, `${origin(unit, resource)}.policy`);
    return {
      keyId,
      arn,
      account: providerOf(resource).account,
      region: providerOf(resource).region,
      aliases: aliases.filter(({ unit: u, resource: a }) => [keyId, arn].includes(attr(a, 'target_key_id', u))).map(({ unit: u, resource: a }) => attr(a, 'name', u)),
      policy: policy.document,
      statementOrigins: policy.statementOrigins,
      origin: origin(unit, resource),
    };
  });

  const lambdaAliases = collect(units, 'aws_lambda_alias');
  const permissions = collect(units, 'aws_lambda_permission');
  const functions = collect(units, 'aws_lambda_function').map(({ unit, resource }) => {
    const name = attr(resource, 'function_name', unit);
    const arn = attr(resource, 'arn', unit);
    const { region, account } = providerOf(resource);
    const forThis = ({ unit: u, resource: r }) => providerOf(r).account === account && providerOf(r).region === region && [name, arn].includes(attr(r, 'function_name', u));
    const alias = lambdaAliases.find(forThis);
    const environmentBlock = force(resource.get('environment'));
    return {
      name,
      arn,
      account,
      region,
      roleArn: attr(resource, 'role', unit),
      alias: alias ? attr(alias.resource, 'name', alias.unit) : null,
      runtime: optionalAttr(resource, 'runtime'),
      handler: optionalAttr(resource, 'handler'),
      timeout: optionalAttr(resource, 'timeout'),
      memorySize: optionalAttr(resource, 'memory_size'),
      environment: Array.isArray(environmentBlock) ? known(environmentBlock[0]?.variables ?? {}, `${origin(unit, resource)}.environment`) : {},
      permissions: permissions.filter(forThis).map(({ unit: u, resource: p }) => ({
        sid: attr(p, 'statement_id', u),
        action: attr(p, 'action', u),
        principal: attr(p, 'principal', u),
        sourceArn: optionalAttr(p, 'source_arn'),
        sourceAccount: optionalAttr(p, 'source_account'),
        qualifier: optionalAttr(p, 'qualifier'),
      })),
    };
  });

  const distributions = collect(units, 'aws_cloudfront_distribution').map(({ unit, resource }) => ({
    id: attr(resource, 'id', unit),
    arn: attr(resource, 'arn', unit),
    account: providerOf(resource).account,
    origin: origin(unit, resource),
  }));

  // The release switch's stores: the build writes the live release, the edge's function reads it.
  const keyValueStores = collect(units, 'aws_cloudfront_key_value_store').map(({ unit, resource }) => ({
    name: attr(resource, 'name', unit),
    arn: attr(resource, 'arn', unit),
    account: providerOf(resource).account,
    origin: origin(unit, resource),
  }));

  // What services assume roles for (aws:SourceArn), and what the pipeline reads.
  const buildProjects = collect(units, 'aws_codebuild_project').map(({ unit, resource }) => ({
    name: attr(resource, 'name', unit),
    arn: attr(resource, 'arn', unit),
    account: providerOf(resource).account,
    region: providerOf(resource).region,
    serviceRole: attr(resource, 'service_role', unit),
    origin: origin(unit, resource),
  }));
  const pipelines = collect(units, 'aws_codepipeline').map(({ unit, resource }) => ({
    name: attr(resource, 'name', unit),
    arn: attr(resource, 'arn', unit),
    account: providerOf(resource).account,
    region: providerOf(resource).region,
    roleArn: attr(resource, 'role_arn', unit),
    source: sourceActionOf(resource, unit),
    origin: origin(unit, resource),
  }));
  const connections = collect(units, 'aws_codestarconnections_connection').map(({ unit, resource }) => ({
    name: attr(resource, 'name', unit),
    arn: attr(resource, 'arn', unit),
    providerType: attr(resource, 'provider_type', unit),
    account: providerOf(resource).account,
    origin: origin(unit, resource),
  }));
  const repositories = collect(units, 'aws_codecommit_repository').map(({ unit, resource }) => ({
    name: attr(resource, 'repository_name', unit),
    arn: attr(resource, 'arn', unit),
    account: providerOf(resource).account,
    origin: origin(unit, resource),
  }));

  const outputOf = (moduleDir, output) => {
    const found = units.filter((unit) => unit.module.dir === moduleDir);
    if (found.length !== 1) return null;
    return known(found[0].outputs().get(output), `${found[0].dir} output.${output}`);
  };

  return {
    environment: environmentKey,
    partition: context.partition,
    accounts,
    units: units.map((unit) => ({ path: unit.dir, module: path.posix.basename(unit.module.dir), account: unit.account, region: unit.region, virtual: unit.virtual })),
    roles,
    buckets,
    keys,
    functions,
    distributions,
    keyValueStores,
    edge: edgeModel((type) => collect(units, type), providerOf, origin),
    buildProjects,
    pipelines,
    connections,
    repositories,
    buildRoleArn: outputOf('modules/pipeline', 'build_role_arn'),
    deployRoleArn: outputOf('modules/deploy-role', 'role_arn'),
  };
}

/**
 * The rendered model of one environment (a key of environments.json). Options
 * for callers that render more than once: `parse` (parse-cache.mjs) and `tree`
 * (infra-tree.mjs) can be shared.
 */
export async function renderEnvironment({ infraDir, environment, parse = createParser(), tree = null }) {
  const infra = tree ?? (await loadInfraTree(path.resolve(infraDir), { parse }));
  const broken = infra.files.filter((file) => !file.body);
  if (broken.length) throw new Error(`cannot render: ${broken.map((f) => `${f.path} does not parse (${f.error})`).join('; ')}`);
  const plan = environmentPlan(infra.environments, environment);
  const context = createContext(infra, plan, parse);
  const units = await selectUnits(context, infra, plan);
  // A failing precondition stops `terraform plan`; it stops the render too.
  const failed = units.flatMap((unit) => unit.instance().failedPreconditions().map((f) => `${unit.dir} ${f.address} (${f.file}): precondition failed: ${f.errorMessage}`));
  if (failed.length) throw new EvalError(failed.join('; '));
  return buildModel(context, units, environment);
}

/**
 * The organisation as the organization unit (live/<management>/global/organization) renders it: the
 * management account, the member accounts (ids as environments.json names them after bootstrap step 1),
 * and the service control policies with what they are attached to (the root: every member account).
 * SCPs never bind the management account. AWS attaches FullAWSAccess to the root and every account when
 * SCPs are enabled; infra/ never detaches it, so it is part of the model (its statement allows "*").
 */
export async function renderOrganization({ infraDir, parse = createParser(), tree = null }) {
  const infra = tree ?? (await loadInfraTree(path.resolve(infraDir), { parse }));
  const all = infra.environments.environments ?? {};
  const key = Object.keys(all).find((k) => (all[k].branches ?? []).length > 0);
  const context = createContext(infra, environmentPlan(infra.environments, key), parse);
  const units = infra.units.map(({ dir }) => context.unit(dir)).filter((unit) => unit.moduleDir() === 'modules/organization');
  if (units.length !== 1) throw new EvalError(`expected one unit of modules/organization in infra/live, found ${units.length}`);
  const [unit] = units;
  await unit.prepare();
  const failed = unit.instance().failedPreconditions().map((f) => `${unit.dir} ${f.address} (${f.file}): precondition failed: ${f.errorMessage}`);
  if (failed.length) throw new EvalError(failed.join('; '));
  const [organization] = collect([unit], 'aws_organizations_organization');
  const root = attr(organization.resource, 'roots', unit)[0];
  const attachments = collect([unit], 'aws_organizations_policy_attachment').map(({ resource }) => ({ policyId: attr(resource, 'policy_id', unit), targetId: attr(resource, 'target_id', unit) }));
  const policies = collect([unit], 'aws_organizations_policy').map(({ resource }) => {
    const id = attr(resource, 'id', unit);
    const { document, statementOrigins } = policyOf(resource.get('content'), context, `${origin(unit, resource)}.content`);
    return { name: attr(resource, 'name', unit), id, arn: attr(resource, 'arn', unit), type: attr(resource, 'type', unit), document, statementOrigins, targets: attachments.filter((a) => a.policyId === id).map((a) => a.targetId), origin: origin(unit, resource) };
  });
  const members = collect([unit], 'aws_organizations_account').map(({ resource }) => {
    const name = attr(resource, 'name', unit);
    const id = infra.environments.accounts?.[name]?.id;
    if (!id) throw new EvalError(`${origin(unit, resource)}: environments.json has no accounts.${name}.id`);
    return { name, id };
  });
  const trails = collect([unit], 'aws_cloudtrail').map(({ resource }) => ({ name: attr(resource, 'name', unit), arn: attr(resource, 'arn', unit), region: providerOf(resource).region }));
  return {
    managementAccount: providerOf(organization.resource).account,
    accessRoleName: known(unit.instance().variable('access_role_name'), `${unit.dir} var.access_role_name`),
    rootId: root.id,
    trails,
    memberAccounts: members,
    serviceControlPolicies: policies.filter((p) => p.type === 'SERVICE_CONTROL_POLICY'),
    awsManaged: { name: 'FullAWSAccess', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } },
  };
}

/**
 * Where a real unit's dependency blocks point, evaluated as Terragrunt evaluates them (locals,
 * read_terragrunt_config(), names.hcl): [{ label, target }] for a unit folder, or null when the unit
 * cannot be evaluated. For the checks, whose own path resolver reads only string templates and a
 * few functions.
 */
export function dependencyResolver(tree, parse = createParser()) {
  let context = null;
  return (unitDir) => {
    try {
      if (!context) {
        const all = tree.environments.environments ?? {};
        const key = Object.keys(all).find((k) => (all[k].branches ?? []).length > 0);
        context = createContext(tree, environmentPlan(tree.environments, key), parse);
      }
      return context.unit(unitDir).dependencyPaths();
    } catch {
      return null;
    }
  };
}
