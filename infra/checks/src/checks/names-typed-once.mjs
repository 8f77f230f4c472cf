// No name is typed twice: account ids, emails, buckets, key aliases, role
// ARNs, function names, domains and distribution ids live in
// environments.json only, so no .tf or .hcl file may contain them literally.
// environments.json itself must hold together the way Terraform reads it.
import { finding } from '../finding.mjs';
import { environmentModel } from '../environment-model.mjs';
import { strings } from '../hcl-values.mjs';

export const name = 'names-typed-once';

function namesInEnvironments(environments) {
  const names = new Map();
  const add = (value, what) => {
    if (typeof value === 'string' && value.length >= 4) names.set(value, what);
  };
  add(environments.project, 'project');
  for (const [key, account] of Object.entries(environments.accounts ?? {})) {
    add(account.id, `accounts.${key}.id`);
    add(account.email, `accounts.${key}.email`);
  }
  for (const [key, store] of Object.entries(environments.artifactStores ?? {})) {
    for (const [region, entry] of Object.entries(store.regions ?? {})) {
      add(entry.bucket, `artifactStores.${key}.regions.${region}.bucket`);
      add(entry.kmsKey, `artifactStores.${key}.regions.${region}.kmsKey`);
    }
  }
  for (const [key, environment] of Object.entries(environments.environments ?? {})) {
    add(environment.deployRole, `environments.${key}.deployRole`);
    add(environment.source?.repository, `environments.${key}.source.repository`);
    (environment.approval?.subscribers ?? []).forEach((address, i) => add(address, `environments.${key}.approval.subscribers[${i}]`));
    (environment.approval?.approvers ?? []).forEach((arn, i) => add(arn, `environments.${key}.approval.approvers[${i}]`));
    add(environment.site?.bucket, `environments.${key}.site.bucket`);
    add(environment.site?.domain, `environments.${key}.site.domain`);
    add(environment.site?.distributionId, `environments.${key}.site.distributionId`);
    add(environment.site?.keyValueStoreArn, `environments.${key}.site.keyValueStoreArn`);
    for (const [fnKey, fn] of Object.entries(environment.functions ?? {})) {
      add(fn.functionName, `environments.${key}.functions.${fnKey}.functionName`);
      for (const [setting, value] of Object.entries(fn.environment ?? {})) {
        if (value.includes('@') || value.includes('.')) add(value, `environments.${key}.functions.${fnKey}.environment.${setting}`);
      }
    }
  }
  return names;
}

/** What Terraform relies on in environments.json beyond its schema. */
function consistency(environments) {
  const problems = [];
  const model = environmentModel(environments);
  for (const [key, environment] of Object.entries(model.ci)) {
    const accountId = environments.accounts?.[environment.account]?.id;
    const roleAccount = environment.deployRole?.split(':')[4];
    if (roleAccount !== accountId) problems.push(`environments.${key}.deployRole is in account ${roleAccount}, not ${environment.account} (${accountId})`);
    const storeArn = environment.site?.keyValueStoreArn;
    if (storeArn !== undefined && storeArn.split(':')[4] !== accountId) problems.push(`environments.${key}.site.keyValueStoreArn is in account ${storeArn.split(':')[4]}, not ${environment.account} (${accountId}): copy the key_value_store_arn output of that account's static-site unit`);
    if (!/:role\/[^/]+$/.test(environment.deployRole ?? '')) problems.push(`environments.${key}.deployRole must be a role ARN without a path (Terraform creates it by name)`);
    const store = model.stores[environment.artifactStore];
    if (!store) {
      problems.push(`environments.${key}.artifactStore "${environment.artifactStore}" is not in artifactStores`);
      continue;
    }
    const regions = Object.keys(store.regions ?? {});
    for (const [fnKey, fn] of Object.entries(environment.functions ?? {})) {
      if (!regions.includes(fn.region)) problems.push(`environments.${key}.functions.${fnKey}.region ${fn.region} has no bucket in artifact store "${environment.artifactStore}"`);
    }
    if (!regions.includes(model.pipelineRegion)) problems.push(`artifact store "${environment.artifactStore}" has no bucket in the pipeline region ${model.pipelineRegion}`);
  }
  for (const key of model.usedStores) {
    for (const [region, entry] of Object.entries(model.stores[key]?.regions ?? {})) {
      if (!entry.kmsKey?.startsWith('alias/')) problems.push(`artifactStores.${key}.regions.${region}.kmsKey must be an alias/ name: Terraform creates the key and this alias`);
    }
  }
  // Separate trust per environment: what one environment's pipeline writes, no other environment deploys.
  const storeUsers = new Map();
  for (const [key, environment] of Object.entries(model.ci)) storeUsers.set(environment.artifactStore, [...(storeUsers.get(environment.artifactStore) ?? []), key]);
  for (const [store, users] of storeUsers) {
    if (users.length > 1) problems.push(`environments ${users.join(', ')} share the artifact store "${store}": give each environment with branches a store of its own (its pipeline and build write it, only its deploy role reads it)`);
  }
  for (const [key, environment] of Object.entries(model.raw.environments ?? {})) {
    if (environment.source && !(key in model.ci)) problems.push(`environments.${key}.source: environment "${key}" has no branches, so no pipeline reads a source; remove source or list its branches`);
  }
  const seenBuckets = new Map();
  for (const [key, store] of Object.entries(model.stores)) {
    for (const [region, entry] of Object.entries(store.regions ?? {})) {
      if (seenBuckets.has(entry.bucket)) problems.push(`artifactStores.${key}.regions.${region}.bucket ${entry.bucket} is also ${seenBuckets.get(entry.bucket)}: every store needs buckets of its own`);
      seenBuckets.set(entry.bucket, `artifactStores.${key}.regions.${region}.bucket`);
    }
  }
  const aliases = new Map();
  for (const key of model.usedStores) {
    const store = model.stores[key];
    for (const [region, entry] of Object.entries(store?.regions ?? {})) {
      const where = `${store.account}/${region}/${entry.kmsKey}`;
      if (aliases.has(where)) problems.push(`artifactStores.${key}.regions.${region}.kmsKey ${entry.kmsKey} is also the alias of store "${aliases.get(where)}" in the same account and region: aliases are unique there`);
      aliases.set(where, key);
    }
  }
  if (model.sharedAccounts.size > 1) problems.push(`the pipelines' artifact stores are in several accounts (${[...model.sharedAccounts].join(', ')}); shared services is one account`);
  const domains = Object.values(model.ci).map((e) => e.site?.domain);
  const zone = domains.find((d) => domains.every((other) => other === d || other.endsWith(`.${d}`)));
  if (!zone) problems.push(`no site domain contains all the others (${domains.join(', ')}); live/root.hcl takes that domain as the hosted zone`);
  return problems;
}

export async function run(tree) {
  const found = [];
  const names = namesInEnvironments(tree.environments);
  for (const file of tree.files.filter((f) => f.body)) {
    const seen = new Set();
    for (const text of strings(file.body)) {
      const matches = [...names.keys()].filter((value) => text.includes(value));
      // "jamstack-site-3333…" is one typed name, not also the project and the account id.
      const longest = matches.filter((value) => !matches.some((other) => other !== value && other.includes(value)));
      for (const value of longest) {
        const where = names.get(value);
        if (!seen.has(value)) {
          seen.add(value);
          found.push(finding(name, file.path, null, `contains "${value}" literally; read ${where} from environments.json instead`));
        }
      }
    }
  }
  for (const problem of consistency(tree.environments)) found.push(finding(name, 'environments.json', null, problem));
  return found;
}
