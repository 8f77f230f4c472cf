// Which units make up an environment, and the virtual units of an
// environment that has none.
//
// An environment with branches (dev, prod) is rendered from the real units
// under infra/live: every unit in its account's folder, and in the account
// of its artifact store the artifact-store units named after the environment
// in the store's regions and the pipeline unit named after the environment,
// plus every unit those depend
// on (dependency blocks and dependencies.paths, e.g. code-repository,
// hosted-zone).
//
// An environment without branches (local) has no units, and names.hcl derives
// names only for environments with branches. It is rendered from *virtual
// units* that mirror the units of the first environment with branches in
// environments.json (the template, dev): the same relative unit paths and
// the same terragrunt.hcl contents, re-homed from live/<template account>/...
// to live/<environment's account>/... and from live/<template store account>/...
// to live/<environment's store account>/... (the store and pipeline folders
// named after the template become the ones named after the environment), and every
// dependency path that lands in the template's folders is re-homed the same
// way. names.hcl is evaluated over a view of environments.json in which this
// environment is the only one with branches (branches: ["<environment>"]), so
// ci_environments, the shared-services account, the pipelines and the zone
// are this environment's.

export function environmentPlan(environments, environmentKey) {
  const all = environments.environments ?? {};
  const environment = all[environmentKey];
  if (!environment) throw new Error(`environments.json has no environment "${environmentKey}" (has ${Object.keys(all).join(', ')})`);
  const storeAccountOf = (e) => {
    const store = environments.artifactStores?.[e.artifactStore];
    if (!store) throw new Error(`environments.json: environment's artifactStore "${e.artifactStore}" is not in artifactStores`);
    return store.account;
  };
  const storeRegions = Object.keys(environments.artifactStores[environment.artifactStore].regions ?? {});

  if ((environment.branches ?? []).length > 0) {
    return {
      virtual: false,
      view: environments,
      templateKey: environmentKey,
      templateAccount: environment.account,
      templateStoreAccount: storeAccountOf(environment),
      storeRegions,
      toVirtual: (dir) => dir,
      toTemplate: (dir) => dir,
    };
  }

  const templateKey = Object.keys(all).find((key) => (all[key].branches ?? []).length > 0);
  if (!templateKey) throw new Error(`environments.json has no environment with branches whose units "${environmentKey}" could mirror`);
  const template = all[templateKey];
  const rehome = (dir, from, to) => {
    const parts = dir.split('/');
    if (parts[0] !== 'live') return dir;
    if (parts[1] === from.account) parts[1] = to.account;
    else if (parts[1] === from.storeAccount) {
      parts[1] = to.storeAccount;
      if (parts.at(-1) === from.key) parts[parts.length - 1] = to.key;
    }
    return parts.join('/');
  };
  const templateSide = { account: template.account, storeAccount: storeAccountOf(template), key: templateKey };
  const targetSide = { account: environment.account, storeAccount: storeAccountOf(environment), key: environmentKey };
  const view = {
    ...environments,
    environments: Object.fromEntries(Object.entries(all).map(([key, e]) => [key, { ...e, branches: key === environmentKey ? [environmentKey] : [] }])),
  };
  return {
    virtual: true,
    view,
    templateKey,
    templateAccount: templateSide.account,
    templateStoreAccount: templateSide.storeAccount,
    storeRegions,
    toVirtual: (dir) => rehome(dir, templateSide, targetSide),
    toTemplate: (dir) => rehome(dir, targetSide, templateSide),
  };
}
