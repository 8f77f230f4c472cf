// The live tree has exactly the units environments.json implies, each in the
// account and region environments.json names: artifact stores per store
// region, a pipeline per branch environment (with approval before the one
// deploying master/main), and per environment its site, functions and deploy
// role, each function in its own region. Every include resolves to a file
// and every dependency to a unit, and every region a live/ file names is one
// environments.json uses. Findings about a block point at the file it is
// written in (a unit or a shared _envcommon/ definition).
import { finding } from '../finding.mjs';
import { environmentModel, storeRegions } from '../environment-model.mjs';
import { strings } from '../hcl-values.mjs';
import { functionKeyOf, functionKeys, unitModels } from '../unit-model.mjs';
import { EXTRA_REGIONS } from './allow-list.mjs';

export const name = 'unit-placement';

const PRODUCTION_BRANCHES = ['master', 'main'];

export async function run(tree) {
  const found = [];
  const model = environmentModel(tree.environments);
  const units = await unitModels(tree);
  const unitDirs = new Set(units.map((u) => u.dir));
  const at = (dir) => units.find((u) => u.dir === dir);
  const report = (file, where, message) => found.push(finding(name, file, where, message));

  for (const unit of units) {
    const file = unit.file.path;
    if (!(unit.account in (model.raw.accounts ?? {}))) report(file, null, `account folder "${unit.account}" is not an account in environments.json`);
    if (unit.regionDir !== 'global' && !model.regions.has(unit.regionDir)) {
      report(file, null, `region folder "${unit.regionDir}" is not a region environments.json uses (${[...model.regions].join(', ')}) nor "global"`);
    }
    for (const problem of unit.problems) report(problem.file, problem.where, problem.message);
    if (!unit.module) report(unit.moduleOrigin, 'terraform.source', 'must end with //<module>');
    else if (!tree.modules.has(unit.module)) report(unit.moduleOrigin, 'terraform.source', `module "${unit.module}" does not exist under modules/`);
    for (const dependency of unit.dependencies) {
      const where = dependency.label === 'dependencies' ? 'dependencies' : `dependency "${dependency.label}"`;
      if (dependency.target === null) report(dependency.file, where, `${dependency.configPath} cannot be resolved here (for ${unit.dir}): use a relative path or get_terragrunt_dir()`);
      else if (!unitDirs.has(dependency.target)) report(dependency.file, where, `${dependency.configPath} is not a unit (${dependency.target})`);
    }
    if (unit.module === 'state-backend' && unit.regionDir !== model.pipelineRegion) {
      report(file, null, `state lives in the pipeline region ${model.pipelineRegion}, not ${unit.regionDir}`);
    }
  }

  const knownRegions = new Set([...model.regions, ...EXTRA_REGIONS.map((e) => e.region)]);
  for (const file of tree.files.filter((f) => f.body && f.path.startsWith('live/'))) {
    const named = new Set();
    for (const text of strings(file.body)) for (const match of text.matchAll(/\b[a-z]{2}-[a-z]+-[0-9]\b/g)) named.add(match[0]);
    for (const region of [...named].filter((r) => !knownRegions.has(r))) {
      report(file.path, null, `names region ${region}, which environments.json does not use`);
    }
  }

  for (const account of new Set(units.map((u) => u.account))) {
    if (!unitDirs.has(`live/${account}/${model.pipelineRegion}/state-backend`)) {
      report(`live/${account}`, null, `has no ${model.pipelineRegion}/state-backend unit for its state bucket and lock table`);
    }
  }

  // Artifact stores: per environment with a pipeline, one unit per region of its store,
  // live/<store account>/<region>/artifact-store/<environment>.
  for (const [key, environment] of Object.entries(model.ci)) {
    const store = model.stores[environment.artifactStore];
    const regions = Object.keys(store?.regions ?? {});
    for (const region of regions) {
      if (!unitDirs.has(`live/${store.account}/${region}/artifact-store/${key}`)) {
        report(`live/${store.account}`, null, `has no ${region}/artifact-store/${key} unit for the store "${environment.artifactStore}" of environment "${key}"`);
      }
    }
  }
  for (const unit of units.filter((u) => u.module === 'artifact-store')) {
    const key = unit.dir.split('/').at(-1);
    const environment = model.ci[key];
    const store = model.stores[environment?.artifactStore];
    if (!environment || unit.dir.split('/').at(-2) !== 'artifact-store') report(unit.file.path, null, `an artifact-store unit belongs in live/<store account>/<region>/artifact-store/<environment with branches>, not ${unit.dir}`);
    else if (store?.account !== unit.account || !Object.keys(store.regions ?? {}).includes(unit.regionDir)) report(unit.file.path, null, `store "${environment.artifactStore}" of environment "${key}" has no region ${unit.regionDir} in account ${unit.account} in environments.json`);
  }

  for (const [key, environment] of Object.entries(model.ci)) {
    const account = environment.account;
    const storeAccount = model.stores[environment.artifactStore]?.account;
    const pipelineDir = `live/${storeAccount}/${model.pipelineRegion}/pipeline/${key}`;
    const pipeline = at(pipelineDir);
    if (!pipeline) report('live', null, `environment "${key}" has no pipeline unit ${pipelineDir}`);
    else {
      if (pipeline.module !== 'pipeline') report(pipeline.file.path, null, 'must run the pipeline module');
      const wantsApproval = environment.branches.some((b) => PRODUCTION_BRANCHES.includes(b));
      if (wantsApproval && pipeline.inputs.manual_approval !== true) {
        report(pipeline.inputOrigins.manual_approval ?? pipeline.file.path, 'inputs.manual_approval', `environment "${key}" deploys ${environment.branches.join('/')}: set manual_approval = true`);
      }
      checkStoreDependencies(pipeline, model, key, report);
      // A source on GitHub, GitLab or Bitbucket is read through the code-connection unit's connection.
      const provider = environment.source?.provider ?? 'CodeCommit';
      const connectionDir = `live/${storeAccount}/${model.pipelineRegion}/code-connection`;
      if (provider !== 'CodeCommit' && !(at(connectionDir)?.module === 'code-connection' && pipeline.dependencies.some((d) => d.target === connectionDir))) {
        report(pipeline.file.path, 'dependency', `environment "${key}" reads its source from ${provider}: the pipeline needs the connection of a code-connection unit at ${connectionDir} (a dependency)`);
      }
    }

    const siteDir = `live/${account}/${environment.site.region}/static-site`;
    if (!at(siteDir)) report('live', null, `environment "${key}" has no site unit ${siteDir} (site.region ${environment.site.region})`);
    for (const unit of units.filter((u) => u.account === account && u.module === 'static-site' && u.dir !== siteDir)) {
      report(unit.file.path, null, `the site of "${key}" is in ${environment.site.region} (site.region), not ${unit.regionDir}`);
    }

    const deployRole = at(`live/${account}/global/deploy-role`);
    if (!deployRole) report('live', null, `environment "${key}" has no deploy role unit live/${account}/global/deploy-role`);
    else checkStoreDependencies(deployRole, model, key, report);

    const accountUnits = units.filter((u) => u.account === account);
    for (const [functionKey, fn] of Object.entries(environment.functions ?? {})) {
      const readers = accountUnits.filter((u) => u.module !== 'deploy-role' && functionKeys(u).has(functionKey));
      if (readers.length === 0) report(`live/${account}`, null, `no unit creates function "${functionKey}" of environment "${key}" (expected in ${fn.region})`);
      for (const unit of readers.filter((u) => u.regionDir !== fn.region)) {
        report(unit.file.path, null, `function "${functionKey}" of "${key}" runs in ${fn.region} (environments.json), but this unit is in ${unit.regionDir}`);
      }
    }
    for (const unit of accountUnits) {
      for (const read of unit.reads) {
        const functionKey = functionKeyOf(read.parts);
        if (functionKey && !(functionKey in (environment.functions ?? {}))) report(read.file, null, `reads function "${functionKey}", which environment "${key}" does not have`);
      }
    }
  }
  return found;
}

/** Units reading the artifact stores depend on exactly the store units of the environment's store regions. */
function checkStoreDependencies(unit, model, environmentKey, report) {
  const store = model.stores[model.ci[environmentKey].artifactStore];
  const expected = storeRegions(model, environmentKey).map((region) => `live/${store.account}/${region}/artifact-store/${environmentKey}`).sort();
  const actual = unit.dependencies.filter((d) => d.target?.split('/').at(-2) === 'artifact-store').map((d) => d.target).sort();
  const missing = expected.filter((dir) => !actual.includes(dir));
  const extra = actual.filter((dir) => !expected.includes(dir));
  if (missing.length > 0) report(unit.file.path, 'dependency', `lacks the artifact stores ${missing.join(', ')} of environment "${environmentKey}"`);
  if (extra.length > 0) report(unit.file.path, 'dependency', `depends on ${extra.join(', ')}, not a store region of environment "${environmentKey}"`);
}
