// Every pipeline action runs in a region that has an artifact store, and
// every store names its key by ARN with type KMS (aliases do not resolve for
// other accounts). Every customer-managed key rotates.
import { finding } from '../finding.mjs';
import { blocks, isExpression, references, resources } from '../hcl-values.mjs';

export const name = 'artifact-stores';

const KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key\/[A-Za-z0-9-]+$/;

function storeBlocks(body) {
  const fixed = blocks(body, 'artifact_store').map((store) => ({ store, dynamic: null }));
  const dynamic = blocks(body, 'dynamic')
    .flatMap((d) => blocks(d, 'artifact_store'))
    .flatMap((d) => blocks(d, 'content').map((store) => ({ store, dynamic: d })));
  return [...fixed, ...dynamic];
}

function stageBlocks(body) {
  const fixed = blocks(body, 'stage');
  const dynamic = blocks(body, 'dynamic').flatMap((d) => blocks(d, 'stage')).flatMap((d) => blocks(d, 'content'));
  return [...fixed, ...dynamic];
}

async function keyProblem(id) {
  if (id === undefined) return 'has no key id';
  if (!isExpression(id)) return KEY_ARN.test(id) ? null : `names key "${id}", which is not a key ARN`;
  const refs = await references(id);
  if (refs.some((ref) => /alias/i.test(ref))) return `names its key through ${refs.join(', ')}, an alias; use the key ARN`;
  if (!refs.some((ref) => /key_arn$|^aws_kms_key\.[^.]+\.arn$/.test(ref))) {
    return `names its key as ${id}; use a key ARN (aws_kms_key.<name>.arn or a *key_arn value)`;
  }
  return null;
}

/** Regions the stores cover: literal regions, and the map variable a dynamic block iterates. */
async function coverage(stores) {
  const regions = new Set();
  const maps = new Set();
  for (const { store, dynamic } of stores) {
    if (dynamic) {
      const refs = await references(dynamic.for_each);
      if (store.region === '${artifact_store.key}') refs.forEach((ref) => maps.add(ref));
    } else if (typeof store.region === 'string' && !isExpression(store.region)) {
      regions.add(store.region);
    }
  }
  return { regions, maps };
}

async function guardedByPrecondition(pipeline, regionExpression, maps) {
  const lifecycle = blocks(pipeline, 'lifecycle');
  for (const precondition of lifecycle.flatMap((l) => blocks(l, 'precondition'))) {
    const refs = await references(precondition.condition);
    const regionRefs = await references(regionExpression);
    if (regionRefs.every((ref) => refs.includes(ref)) && [...maps].some((map) => refs.includes(map))) return true;
  }
  return false;
}

export async function run(tree) {
  const found = [];
  for (const module of tree.modules.values()) {
    const all = resources(module.files.filter((f) => f.body));
    for (const pipeline of all.filter((r) => r.type === 'aws_codepipeline')) {
      const where = (detail) => `aws_codepipeline.${pipeline.name}${detail ? ` ${detail}` : ''}`;
      const stores = storeBlocks(pipeline.body);
      if (stores.length === 0) found.push(finding(name, pipeline.file, where(), 'has no artifact_store'));

      for (const { store } of stores) {
        const key = blocks(store, 'encryption_key')[0];
        const label = where(`artifact_store ${store.region ?? ''}`.trim());
        if (!key) {
          found.push(finding(name, pipeline.file, label, 'has no encryption_key; stores must use the customer-managed key'));
          continue;
        }
        if (key.type !== 'KMS') found.push(finding(name, pipeline.file, label, `encryption_key type is ${key.type ?? 'missing'}, not KMS`));
        const problem = await keyProblem(key.id);
        if (problem) found.push(finding(name, pipeline.file, label, `encryption_key ${problem}`));
      }

      const { regions, maps } = await coverage(stores);
      for (const stage of stageBlocks(pipeline.body)) {
        // A stage may write an action per source kind through dynamic blocks (the pipeline's Source stage).
        const actions = [...blocks(stage, 'action'), ...blocks(stage, 'dynamic').flatMap((d) => blocks(d, 'action')).flatMap((d) => blocks(d, 'content'))];
        for (const action of actions) {
          const label = where(`stage "${stage.name}" action "${action.name}"`);
          const region = action.region;
          if (region === undefined) {
            found.push(finding(name, pipeline.file, label, 'states no region; state it so the store for it can be checked'));
          } else if (!isExpression(region)) {
            const coveredByMap = maps.size > 0 && storeRegionsInEnvironments(tree).has(region);
            if (!regions.has(region) && !coveredByMap) {
              found.push(finding(name, pipeline.file, label, `runs in ${region}, which has no artifact store`));
            }
          } else if (!(await guardedByPrecondition(pipeline.body, region, maps))) {
            found.push(finding(name, pipeline.file, label,
              `runs in ${region}; add a lifecycle precondition that the artifact stores contain that region`));
          }
        }
      }
    }

    for (const key of all.filter((r) => r.type === 'aws_kms_key')) {
      if (key.body.enable_key_rotation !== true) {
        found.push(finding(name, key.file, `aws_kms_key.${key.name}`, 'does not enable key rotation (enable_key_rotation = true)'));
      }
    }
  }
  return found;
}

/** Regions in which environments.json has artifact stores (what the live units feed dynamic stores with). */
function storeRegionsInEnvironments(tree) {
  return new Set(Object.values(tree.environments.artifactStores ?? {}).flatMap((store) => Object.keys(store.regions ?? {})));
}
