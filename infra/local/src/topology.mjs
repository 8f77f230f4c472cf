// The local environment's accounts as environments.json and infra/ describe them: every name the
// local cloud serves comes from environments.json (regions, buckets, key aliases, functions,
// distribution, deploy role); what AWS would assign or infra/ decides (key ARNs, the build's role,
// execution roles) comes from the policies infra/ renders (see iam/), when they are given.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';

/** The build's fixed local credentials: a session of the build role, as CodeBuild's container credentials are. */
export const BUILD_IDENTITY = Object.freeze({
  accessKeyId: 'AKIALOCALBUILD00000',
  secretAccessKey: 'local-build-secret',
  sessionName: 'local-build',
});

export class TopologyError extends Error {}

/** A UUID derived from a name, so a region's key id is the same in every state dir and on every machine. */
export function stableUuid(name) {
  const h = createHash('sha256').update(name).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function loadTopology(environmentsPath, environmentName = 'local', model = null) {
  let doc;
  try {
    doc = JSON.parse(readFileSync(environmentsPath, 'utf8'));
  } catch (err) {
    throw new TopologyError(`cannot read ${environmentsPath} (${err.code ?? err.message}): pass --environments <path to infra/environments.json>`);
  }
  return topologyFrom(doc, environmentsPath, environmentName, model);
}

/** @param {object|null} model the rendered policies (iam/rendered-model.mjs); without it, key ARNs and roles are unknown. */
export function topologyFrom(doc, source = 'environments.json', environmentName = 'local', model = null) {
  const need = (value, what) => {
    if (value === undefined || value === null || value === '') {
      throw new TopologyError(`${source} has no ${what}: add it to the ${environmentName} environment`);
    }
    return value;
  };
  const env = need(doc.environments?.[environmentName], `environments.${environmentName}`);
  const accountKey = need(env.account, `environments.${environmentName}.account`);
  const accountId = need(doc.accounts?.[accountKey]?.id, `accounts.${accountKey}.id`);
  const storeKey = need(env.artifactStore, `environments.${environmentName}.artifactStore`);
  const store = need(doc.artifactStores?.[storeKey]?.regions, `artifactStores.${storeKey}.regions`);
  const storeAccountKey = need(doc.artifactStores[storeKey].account, `artifactStores.${storeKey}.account`);
  const storeAccountId = need(doc.accounts?.[storeAccountKey]?.id, `accounts.${storeAccountKey}.id`);

  const regions = Object.entries(store).map(([region, { bucket, kmsKey }]) => {
    const kmsAlias = need(kmsKey, `artifactStores.${storeKey}.regions.${region}.kmsKey`);
    const key = model?.keys.find(k => k.region === region && k.account === storeAccountId && k.aliases.includes(kmsAlias));
    if (model && !key) throw new TopologyError(`infra/ renders no KMS key ${kmsAlias} in ${region} for account ${storeAccountId}: check the artifact-store units`);
    return {
      region,
      artifactBucket: need(bucket, `artifactStores.${storeKey}.regions.${region}.bucket`),
      kmsAlias,
      kmsKeyId: key?.keyId,
      kmsKeyArn: key?.arn,
    };
  });

  const site = need(env.site, `environments.${environmentName}.site`);
  const functions = Object.entries(env.functions ?? {}).map(([name, f]) => ({
    name,
    functionName: need(f.functionName, `functions.${name}.functionName`),
    region: need(f.region, `functions.${name}.region`),
    alias: need(f.alias, `functions.${name}.alias`),
    environment: { ...(f.environment ?? {}) },
    roleArn: model?.functions.find(rendered => rendered.name === f.functionName)?.roleArn,
  }));

  // The release switch the build writes must be the store infra/ associates with the site's function.
  const rendered = model?.keyValueStores?.filter(store => store.account === accountId) ?? [];
  if (model && site.keyValueStoreArn && !rendered.some(store => store.arn === site.keyValueStoreArn)) {
    throw new TopologyError(`${source}: environments.${environmentName}.site.keyValueStoreArn is ${site.keyValueStoreArn}, but infra/ renders ${rendered.map(s => s.arn).join(', ') || 'no KeyValueStore'} for account ${accountId}: set it to the rendered ARN`);
  }

  // Buckets other than the stores: the site bucket and the mail bucket the forwarder reads.
  const buckets = [
    ...regions.map(r => ({ name: r.artifactBucket, region: r.region, kind: 'artifact', account: storeAccountId })),
    { name: need(site.bucket, 'site.bucket'), region: need(site.region, 'site.region'), kind: 'site', account: accountId },
    ...functions
      .filter(f => f.environment.MAIL_BUCKET)
      .map(f => ({ name: f.environment.MAIL_BUCKET, region: f.region, kind: 'mail', account: accountId })),
  ];

  return Object.freeze({
    environmentName,
    accountId,
    storeAccountId,
    deployRoleArn: need(env.deployRole, `environments.${environmentName}.deployRole`),
    buildRoleArn: model?.buildRoleArn,
    // The CodeBuild project that runs the build under that role, as infra/ renders it.
    buildProjectArn: model?.buildProjects?.find(p => p.serviceRole === model.buildRoleArn)?.arn,
    buildIdentity: BUILD_IDENTITY,
    regions,
    site: {
      region: site.region,
      bucket: site.bucket,
      distributionId: need(site.distributionId, 'site.distributionId'),
      keyValueStoreArn: site.keyValueStoreArn,
      domain: site.domain ?? 'localhost',
    },
    functions,
    buckets,
    regionOf: name => regions.find(r => r.region === name),
    bucket: name => buckets.find(b => b.name === name),
    contactForm: functions.find(f => f.name === 'contact-form'),
  });
}
