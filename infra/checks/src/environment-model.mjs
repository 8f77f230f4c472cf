// What environments.json says the live tree must contain: the environments
// the pipelines deploy (those with branches), their accounts and regions, and
// the artifact stores they use.

export function environmentModel(environments) {
  const all = environments.environments ?? {};
  const ci = Object.fromEntries(Object.entries(all).filter(([, e]) => (e.branches ?? []).length > 0));
  const stores = environments.artifactStores ?? {};
  const usedStores = new Set(Object.values(ci).map((e) => e.artifactStore));
  const regions = new Set([environments.pipelineRegion]);
  for (const key of usedStores) for (const region of Object.keys(stores[key]?.regions ?? {})) regions.add(region);
  for (const e of Object.values(ci)) {
    regions.add(e.site?.region);
    for (const f of Object.values(e.functions ?? {})) regions.add(f.region);
  }
  const environmentOfAccount = new Map(Object.entries(ci).map(([key, e]) => [e.account, key]));
  const sharedAccounts = new Set([...usedStores].map((key) => stores[key]?.account));
  return {
    raw: environments,
    ci,
    stores,
    usedStores,
    regions,
    environmentOfAccount,
    sharedAccounts,
    pipelineRegion: environments.pipelineRegion,
  };
}

/** Regions of the store an environment uses. */
export function storeRegions(model, environmentKey) {
  return Object.keys(model.stores[model.ci[environmentKey]?.artifactStore]?.regions ?? {});
}
