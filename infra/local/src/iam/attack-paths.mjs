// The trust boundaries of infra/ as attack paths: requests an attacker (unreviewed develop code, a
// compromised dev deploy role, anyone else in shared services) would make to change what
// production runs, each evaluated by the same Authorizer, PolicySet and evaluate() the local cloud
// uses, against the policies infra/ renders for dev and prod together. Every path says what it
// expects: an attack path is denied when every one of its requests is denied; a legitimate path is
// allowed when every one of its requests is allowed. Nothing here names a policy or an ARN: the
// principals and resources are read from the rendered models.
import { Authorizer } from './authorizer.mjs';
import { PolicySet } from './policy-set.mjs';

const CLOCK = Object.freeze({ now: () => Date.UTC(2026, 0, 1) });

/**
 * Someone in an account with every permission its own account can give (an administrator, or a
 * role a later change over-grants): only resource policies, trust policies and denies stop them.
 */
export function administratorIn(accountId) {
  return {
    name: 'administrator',
    arn: `arn:aws:iam::${accountId}:role/administrator`,
    account: accountId,
    service: null,
    trustPolicy: null,
    policies: [{ name: 'administrator', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, statementOrigins: [] }],
    origin: null,
  };
}

/**
 * One of our roles after a later change over-grants it (every action on everything added): its own
 * denies are all that is left between it and what it must not do. A copy under its own ARN.
 */
export function overGranted(role) {
  return {
    ...role,
    name: `${role.name}-overgranted`,
    arn: `${role.arn}-overgranted`,
    policies: [...role.policies, { name: 'over-grant', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, statementOrigins: [] }],
  };
}

const byArn = (lists) => {
  const seen = new Map();
  for (const item of lists.flat()) if (!seen.has(item.arn)) seen.set(item.arn, item);
  return [...seen.values()];
};

/**
 * Several environments' rendered models as one account landscape (a resource both render is one resource),
 * with the organisation's SCPs (renderOrganization()) binding its member accounts when given.
 */
export function combinedModel(models, extraRoles = [], organization = null) {
  return {
    organization,
    environment: models.map(m => m.environment).join('+'),
    partition: models[0].partition,
    accounts: Object.assign({}, ...models.map(m => m.accounts)),
    units: models.flatMap(m => m.units),
    roles: byArn([...models.map(m => m.roles), extraRoles]),
    buckets: byArn(models.map(m => m.buckets)),
    keys: byArn(models.map(m => m.keys)),
    functions: byArn(models.map(m => m.functions)),
    distributions: byArn(models.map(m => m.distributions)),
    buildProjects: byArn(models.map(m => m.buildProjects ?? [])),
    pipelines: byArn(models.map(m => m.pipelines ?? [])),
    buildRoleArn: null,
    deployRoleArn: null,
  };
}

const pipelinesOf = (model) => {
  const pipelineRoles = new Set(model.roles.filter(r => r.service === 'codepipeline.amazonaws.com').map(r => r.arn));
  return (model.pipelines ?? []).filter(p => pipelineRoles.has(p.roleArn));
};

/** What one environment's model holds, by the module that made it. */
export function environmentParts(model) {
  const unitsOf = (module) => new Set(model.units.filter(u => u.module === module).map(u => u.path));
  const fromModule = (items, module) => {
    const units = unitsOf(module);
    return items.filter(item => units.has(item.origin?.split(' ')[0]));
  };
  const roleOf = (service) => model.roles.filter(r => r.service === service && r.arn.split(':')[4] === model.buildRoleArn.split(':')[4]);
  const stores = fromModule(model.buckets, 'artifact-store').map(bucket => ({
    bucket,
    key: model.keys.find(k => k.arn === bucket.encryption.kmsKeyArn),
  }));
  const site = fromModule(model.buckets, 'static-site');
  const mail = fromModule(model.buckets, 'mail-forwarder');
  return {
    name: model.environment,
    buildRole: model.roles.find(r => r.arn === model.buildRoleArn),
    deployRole: model.roles.find(r => r.arn === model.deployRoleArn),
    pipelineRoles: roleOf('codepipeline.amazonaws.com'),
    otherSharedRoles: model.roles.filter(r => r.account === model.buildRoleArn.split(':')[4] && r.arn !== model.buildRoleArn),
    executionRoles: model.roles.filter(r => r.service === 'lambda.amazonaws.com'),
    stores,
    siteBucket: site[0],
    mailBuckets: mail,
    functions: model.functions,
    distribution: model.distributions[0],
    buildProject: (model.buildProjects ?? []).find(p => p.serviceRole === model.buildRoleArn) ?? null,
    // The CodeCommit repository the pipelines read, or the connection they read GitHub, GitLab or Bitbucket through.
    repositoryArn: pipelinesOf(model).some(p => p.source?.provider === 'CodeCommit') ? (model.repositories ?? [])[0]?.arn ?? null : null,
    connectionArn: pipelinesOf(model).map(p => p.source?.configuration?.ConnectionArn).find(Boolean) ?? null,
    pipelines: pipelinesOf(model),
    // A role in shared services that people assume (no service): the approver role of an environment with an approval.
    approverRole: model.roles.find(r => !r.service && r.account === model.buildRoleArn.split(':')[4] && r.arn !== model.buildRoleArn) ?? null,
    targetAccount: model.deployRoleArn.split(':')[4],
    sharedAccount: model.buildRoleArn.split(':')[4],
  };
}

// --- requests --------------------------------------------------------------------------------

const session = (role) => ({ arn: `arn:aws:sts::${role.account}:assumed-role/${role.name}/attack-path`, roleArn: role.arn, account: role.account, userId: `AROA${role.name.toUpperCase().replace(/[^A-Z0-9]/g, '')}:attack-path` });
const service = (name) => ({ service: name });
const roleName = (arn) => arn.split('/').pop();
const regionOfKey = (keyArn) => keyArn.split(':')[3];

/** A request as the local cloud's services make it (see services/s3/s3-authorization.mjs for S3's KMS calls). */
const ask = (principal, action, resource, extra = {}) => ({ principal, action, resource, ...extra });
const viaS3 = (principal, action, store) => ask(principal, action, store.key.arn, {
  region: regionOfKey(store.key.arn),
  context: {
    'kms:ViaService': `s3.${regionOfKey(store.key.arn)}.amazonaws.com`,
    'kms:CallerAccount': principal.account,
    'kms:EncryptionContext:aws:s3:arn': store.bucket.arn,
  },
});
const sse = (keyArn) => ({ 's3:x-amz-server-side-encryption': 'aws:kms', 's3:x-amz-server-side-encryption-aws-kms-key-id': keyArn });
/** Writing one object into a store as the build does: PutObject naming SSE-KMS and the store's key, and S3's data key. */
const storeWrite = (principal, store, objectKey) => [
  ask(principal, 's3:PutObject', `${store.bucket.arn}/${objectKey}`, { region: store.bucket.region, context: sse(store.key.arn) }),
  viaS3(principal, 'kms:GenerateDataKey', store),
];
const storeRead = (principal, store, objectKey) => [
  ask(principal, 's3:GetObject', `${store.bucket.arn}/${objectKey}`, { region: store.bucket.region }),
  viaS3(principal, 'kms:Decrypt', store),
];
const assume = (principal, roleArn, extra = {}) => ask(principal, 'sts:AssumeRole', roleArn, { context: { 'sts:RoleSessionName': 'attack-path' }, ...extra });
const serviceAssume = (name, roleArn, sourceAccount, sourceArn) => ask(service(name), 'sts:AssumeRole', roleArn, { sourceAccount, sourceArn });

/** An object key of each kind the stores hold: a function zip and the site zip (Deploy, Rollback) and a pipeline's source artifact (the build). */
const storeObjects = (env) => [`jamstack/${env}/contact-form/1.0.0/contact-form-0123456789abcdef.zip`, `jamstack/${env}/site/1.0.0/site-0123456789abcdef.zip`, `jamstack-${env}/source/abcdefg`];

// --- paths -----------------------------------------------------------------------------------

/**
 * The attack paths and the legitimate paths of a develop environment (the one a push to develop
 * deploys without review) and a production environment.
 * @returns {{ name: string, expected: 'allowed'|'denied', requests: object[] }[]}
 */
export function trustPaths({ dev, prod, devAdministrator, sharedAdministrator, prodAdministrator, overGrantedRoles = [], approvingPeople = [] }) {
  const paths = [];
  const attack = (name, requests) => paths.push({ name, expected: 'denied', requests });
  const legitimate = (name, requests) => paths.push({ name, expected: 'allowed', requests });
  const devBuild = session(dev.buildRole);
  const devDeploy = session(dev.deployRole);

  // 1. The develop build role writing anything prod's build, deploy or rollback reads.
  for (const store of prod.stores) {
    attack(`${dev.name} build role writes ${prod.name}'s artifact store ${store.bucket.name}`,
      storeObjects(prod.name).flatMap(key => storeWrite(devBuild, store, key)));
    attack(`${dev.name} build role deletes from ${prod.name}'s artifact store ${store.bucket.name}`,
      storeObjects(prod.name).map(key => ask(devBuild, 's3:DeleteObject', `${store.bucket.arn}/${key}`, { region: store.bucket.region })));
  }
  for (const store of prod.stores) {
    attack(`an administrator in shared services writes ${prod.name}'s artifact store ${store.bucket.name}`,
      storeObjects(prod.name).flatMap(key => [...storeWrite(session(sharedAdministrator), store, key), ask(session(sharedAdministrator), 's3:DeleteObject', `${store.bucket.arn}/${key}`, { region: store.bucket.region })]));
  }
  for (const role of dev.pipelineRoles) {
    for (const store of prod.stores) attack(`${dev.name} pipeline role writes ${prod.name}'s artifact store ${store.bucket.name}`, storeObjects(prod.name).flatMap(key => storeWrite(session(role), store, key)));
  }
  if (prod.repositoryArn) {
    attack(`${dev.name} build role pushes to the branches ${prod.name} builds`, ['refs/heads/master', 'refs/heads/main'].map(ref => ask(devBuild, 'codecommit:GitPush', prod.repositoryArn, { context: { 'codecommit:References': [ref] } })));
    // Issue 10, item 2: the roles of the pipelines, even over-granted, never change master or main.
    const changeBranch = (principal) => ['refs/heads/master', 'refs/heads/main'].flatMap(ref => ['codecommit:GitPush', 'codecommit:PutFile', 'codecommit:MergePullRequestByFastForward', 'codecommit:DeleteBranch']
      .map(action => ask(principal, action, prod.repositoryArn, { context: { 'codecommit:References': [ref] } })));
    for (const role of [...overGrantedRoles, ...(prod.approverRole ? [prod.approverRole] : []), prod.buildRole, ...prod.pipelineRoles]) {
      attack(`${roleName(role.arn)} pushes to, merges into or deletes the branches ${prod.name} builds`, changeBranch(session(role)));
    }
  }

  // 2. The dev deploy role touching any prod resource.
  const touch = (name, requests) => attack(`${dev.name} deploy role touches ${prod.name}'s ${name}`, requests);
  touch(`site bucket ${prod.siteBucket.name}`, [
    ask(devDeploy, 's3:ListBucket', prod.siteBucket.arn),
    ...['s3:GetObject', 's3:PutObject', 's3:DeleteObject'].map(action => ask(devDeploy, action, `${prod.siteBucket.arn}/index.html`)),
  ]);
  for (const bucket of prod.mailBuckets) touch(`mail bucket ${bucket.name}`, ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'].map(action => ask(devDeploy, action, `${bucket.arn}/inbound/message`)));
  for (const fn of prod.functions) {
    touch(`function ${fn.name}`, ['lambda:UpdateFunctionCode', 'lambda:PublishVersion', 'lambda:UpdateAlias', 'lambda:GetFunction'].map(action => ask(devDeploy, action, action === 'lambda:UpdateAlias' ? `${fn.arn}:live` : fn.arn, { region: fn.region })));
  }
  touch(`distribution ${prod.distribution.id}`, ['cloudfront:CreateInvalidation', 'cloudfront:GetDistribution'].map(action => ask(devDeploy, action, prod.distribution.arn)));
  for (const store of prod.stores) {
    touch(`artifact store ${store.bucket.name}`, [
      ask(devDeploy, 's3:ListBucket', store.bucket.arn, { region: store.bucket.region }),
      ...storeObjects(prod.name).flatMap(key => storeRead(devDeploy, store, key)),
    ]);
  }
  touch('deploy and execution roles', [prod.deployRole, ...prod.executionRoles].map(role => assume(devDeploy, role.arn)));

  // 3. The develop build role assuming the prod deploy role.
  attack(`${dev.name} build role assumes ${prod.name}'s deploy role`, [assume(devBuild, prod.deployRole.arn)]);

  // 4. Anyone in shared services but prod's build role assuming the prod deploy role.
  for (const role of [...prod.otherSharedRoles, ...dev.otherSharedRoles, dev.buildRole, sharedAdministrator]) {
    if (role.arn === prod.buildRole.arn) continue;
    attack(`${roleName(role.arn)} (shared services) assumes ${prod.name}'s deploy role`, [assume(session(role), prod.deployRole.arn)]);
  }

  // 5. Anyone writing an artifact store without SSE-KMS under that store's key.
  for (const env of [dev, prod]) {
    const otherKeys = [dev, prod].flatMap(e => e.stores.map(s => s.key.arn));
    for (const store of env.stores) {
      const wrongKeys = [...new Set(otherKeys.filter(arn => arn !== store.key.arn))];
      for (const writer of [env.buildRole, ...env.pipelineRoles, sharedAdministrator]) {
        const object = `${store.bucket.arn}/${storeObjects(env.name)[0]}`;
        attack(`${roleName(writer.arn)} writes ${store.bucket.name} without SSE-KMS under its key`, [
          ask(session(writer), 's3:PutObject', object, { region: store.bucket.region, context: { 's3:x-amz-server-side-encryption': 'AES256' } }),
          ...wrongKeys.map(arn => ask(session(writer), 's3:PutObject', object, { region: store.bucket.region, context: sse(arn) })),
        ]);
      }
    }
  }

  // 6. Reading the site bucket other than through the distribution (the deploy role syncs it).
  for (const [env, other, administrator] of [[dev, prod, devAdministrator], [prod, dev, prodAdministrator]]) {
    const object = `${env.siteBucket.arn}/index.html`;
    attack(`another distribution (${other.distribution.id}) reads ${env.name}'s site bucket`, [ask(service('cloudfront.amazonaws.com'), 's3:GetObject', object, { sourceArn: other.distribution.arn, sourceAccount: other.targetAccount })]);
    attack(`an administrator in ${env.name}'s account reads its site bucket directly`, [ask(session(administrator), 's3:GetObject', object), ask(session(administrator), 's3:GetObjectVersion', object)]);
    attack(`${other.name} deploy role reads ${env.name}'s site bucket`, [ask(session(other.deployRole), 's3:GetObject', object)]);
    for (const role of env.executionRoles) attack(`${roleName(role.arn)} reads ${env.name}'s site bucket`, [ask(session(role), 's3:GetObject', object)]);
  }

  // 7. Confused deputies and keys used outside their store (issue 10, item 3).
  if (dev.buildProject) attack(`CodeBuild assumes ${prod.name}'s build role for ${dev.name}'s project ${dev.buildProject.name}`, [serviceAssume('codebuild.amazonaws.com', prod.buildRole.arn, prod.sharedAccount, dev.buildProject.arn)]);
  for (const fn of prod.functions) {
    const other = dev.functions.find(f => f.region === fn.region) ?? dev.functions[0];
    attack(`Lambda assumes ${fn.name}'s execution role for another function (${other.name})`, [serviceAssume('lambda.amazonaws.com', fn.roleArn, prod.targetAccount, other.arn.replace(other.account, prod.targetAccount))]);
  }
  for (const store of prod.stores) {
    const outside = { region: regionOfKey(store.key.arn), context: { 'kms:CallerAccount': prod.targetAccount } };
    attack(`${prod.name} deploy role decrypts with ${prod.name}'s key ${store.key.arn.split('/').pop()} outside S3`, [ask(session(prod.deployRole), 'kms:Decrypt', store.key.arn, outside)]);
    attack(`${prod.name} build role uses ${prod.name}'s key ${store.key.arn.split('/').pop()} for another bucket`, [ask(session(prod.buildRole), 'kms:GenerateDataKey', store.key.arn, {
      region: regionOfKey(store.key.arn),
      context: { 'kms:ViaService': `s3.${regionOfKey(store.key.arn)}.amazonaws.com`, 'kms:CallerAccount': prod.sharedAccount, 'kms:EncryptionContext:aws:s3:arn': 'arn:aws:s3:::attacker-bucket' },
    })]);
  }

  // 8. The prod build started outside its pipeline (issue 10, item 2): directly, so with a buildspec or
  // environment override and without the approval. Our roles are denied it in their own policies unless they
  // are prod's pipeline role, which holds even after a later change over-grants them. (An administrator of
  // shared services is stopped by the way-to-production SCP: organizationPaths().)
  if (prod.buildProject) {
    const startBuild = (principal, project) => ['codebuild:StartBuild', 'codebuild:StartBuildBatch', 'codebuild:RetryBuild', 'codebuild:RetryBuildBatch']
      .map(action => ask(principal, action, project.arn, { region: project.region }));
    for (const role of [prod.buildRole, dev.buildRole, ...dev.pipelineRoles, ...overGrantedRoles]) {
      attack(`${roleName(role.arn)} starts ${prod.name}'s build project ${prod.buildProject.name} outside its pipeline`, startBuild(session(role), prod.buildProject));
    }
    if (dev.buildProject) {
      for (const role of prod.pipelineRoles) attack(`${roleName(role.arn)} starts ${dev.name}'s build project ${dev.buildProject.name}`, startBuild(session(role), dev.buildProject));
    }
  }

  // 9. The approval (issue 10, item 2): only the approver role approves, and it does nothing else.
  const approve = (principal, pipeline) => ask(principal, 'codepipeline:PutApprovalResult', `${pipeline.arn}/Approve/Approve`, { region: pipeline.region });
  if (prod.approverRole) {
    const approver = session(prod.approverRole);
    for (const role of [prod.buildRole, ...prod.pipelineRoles, dev.buildRole, dev.deployRole, ...dev.pipelineRoles]) {
      attack(`${roleName(role.arn)} assumes ${prod.name}'s approver role`, [assume(session(role), prod.approverRole.arn)]);
    }
    for (const role of [prod.buildRole, dev.buildRole, ...dev.pipelineRoles]) {
      attack(`${roleName(role.arn)} approves ${prod.name}'s deploy`, prod.pipelines.map(p => approve(session(role), p)));
    }
    attack(`${prod.name}'s approver role approves in ${dev.name}'s pipelines`, dev.pipelines.map(p => approve(approver, p)));
    if (prod.buildProject) attack(`${prod.name}'s approver role starts ${prod.name}'s build project ${prod.buildProject.name}`, [ask(approver, 'codebuild:StartBuild', prod.buildProject.arn, { region: prod.buildProject.region })]);
    attack(`${prod.name}'s approver role writes ${prod.name}'s artifact stores`, prod.stores.flatMap(store => storeWrite(approver, store, storeObjects(prod.name)[2])));
    for (const person of approvingPeople) legitimate(`${roleName(person.arn)} assumes ${prod.name}'s approver role`, [assume(session(person), prod.approverRole.arn)]);
    legitimate(`${prod.name}'s approver role approves ${prod.name}'s deploy in each of its pipelines (${prod.pipelines.map(p => p.name).join(', ')})`, prod.pipelines.map(p => approve(approver, p)));
  }

  // 10. A source read through a connection (GitHub, GitLab, Bitbucket; issue 10, item 6): only the environment's own
  // pipeline and build roles use its connection; the connection's ARN is authorized under either service prefix.
  const useConnection = (principal, connectionArn) => [
    ask(principal, 'codestar-connections:UseConnection', connectionArn.replace(':codeconnections:', ':codestar-connections:'), { region: connectionArn.split(':')[3] }),
    ask(principal, 'codeconnections:UseConnection', connectionArn.replace(':codestar-connections:', ':codeconnections:'), { region: connectionArn.split(':')[3] }),
  ];
  for (const [env, other] of [[dev, prod], [prod, dev]]) {
    if (!env.connectionArn) continue;
    for (const role of [env.buildRole, ...env.pipelineRoles]) legitimate(`${roleName(role.arn)} reads ${env.name}'s source through its connection`, useConnection(session(role), env.connectionArn));
    for (const role of [other.buildRole, ...other.pipelineRoles]) attack(`${roleName(role.arn)} uses ${env.name}'s connection`, useConnection(session(role), env.connectionArn));
    for (const [owner, role] of [[env, env.deployRole], [other, other.deployRole]]) attack(`${owner.name} deploy role uses ${env.name}'s connection`, useConnection(session(role), env.connectionArn));
    for (const role of env.executionRoles) attack(`${roleName(role.arn)} uses ${env.name}'s connection`, useConnection(session(role), env.connectionArn));
  }

  // The legitimate paths, each allowed.
  for (const env of [dev, prod]) {
    const build = session(env.buildRole);
    const deploy = session(env.deployRole);
    for (const store of env.stores) {
      legitimate(`${env.name} build role writes and reads its artifact store ${store.bucket.name}`, [...storeWrite(build, store, storeObjects(env.name)[0]), ...storeRead(build, store, storeObjects(env.name)[2])]);
      legitimate(`${env.name} deploy role reads and lists its artifact store ${store.bucket.name}`, [ask(deploy, 's3:ListBucket', store.bucket.arn, { region: store.bucket.region }), ...storeRead(deploy, store, storeObjects(env.name)[0])]);
      for (const role of env.pipelineRoles) legitimate(`${roleName(role.arn)} writes and reads the source artifact in ${store.bucket.name}`, [...storeWrite(session(role), store, storeObjects(env.name)[2]), ...storeRead(session(role), store, storeObjects(env.name)[2])]);
    }
    legitimate(`${env.name} build role assumes ${env.name}'s deploy role`, [assume(build, env.deployRole.arn)]);
    legitimate(`${env.name} deploy role syncs its site bucket`, [
      ask(deploy, 's3:ListBucket', env.siteBucket.arn),
      ...['s3:GetObject', 's3:PutObject', 's3:DeleteObject'].map(action => ask(deploy, action, `${env.siteBucket.arn}/index.html`)),
    ]);
    for (const fn of env.functions) {
      legitimate(`${env.name} deploy role updates function ${fn.name}`, ['lambda:GetFunction', 'lambda:UpdateFunctionCode', 'lambda:PublishVersion', 'lambda:UpdateAlias'].map(action => ask(deploy, action, action === 'lambda:UpdateAlias' ? `${fn.arn}:live` : fn.arn, { region: fn.region })));
      legitimate(`Lambda assumes ${fn.name}'s execution role for that function`, [serviceAssume('lambda.amazonaws.com', fn.roleArn, fn.account, fn.arn)]);
    }
    legitimate(`${env.name} deploy role invalidates its distribution`, [ask(deploy, 'cloudfront:CreateInvalidation', env.distribution.arn)]);
    legitimate(`${env.name}'s distribution reads its site bucket`, [ask(service('cloudfront.amazonaws.com'), 's3:GetObject', `${env.siteBucket.arn}/index.html`, { sourceArn: env.distribution.arn, sourceAccount: env.targetAccount })]);
    if (env.buildProject) legitimate(`CodeBuild assumes ${env.name}'s build role for ${env.buildProject.name}`, [serviceAssume('codebuild.amazonaws.com', env.buildRole.arn, env.sharedAccount, env.buildProject.arn)]);
    if (env.buildProject) {
      for (const role of env.pipelineRoles) legitimate(`${roleName(role.arn)} starts ${env.name}'s build project ${env.buildProject.name}`, ['codebuild:StartBuild', 'codebuild:BatchGetBuilds'].map(action => ask(session(role), action, env.buildProject.arn, { region: env.buildProject.region })));
    }
  }
  return paths;
}

/**
 * The region a request is made in (AWS puts it into every request as aws:RequestedRegion, which the regions SCP
 * reads): the one the path names, else the resource ARN's, else the bucket's, else us-east-1 (global endpoints).
 */
function requestRegion(policies, request) {
  if (request.region) return request.region;
  const fromArn = request.resource.split(':')[3];
  if (fromArn) return fromArn;
  const bucket = /^arn:aws[\w-]*:s3:::([^/]+)/.exec(request.resource)?.[1];
  return (bucket && policies.bucket(bucket)?.region) || 'us-east-1';
}

/** Evaluates one path: its outcome, and the first request that decided it (allowed for an attack, refused for a legitimate path). */
export async function evaluatePath(policies, path) {
  const authorizer = new Authorizer({ policies, clock: CLOCK });
  const results = [];
  for (const r of path.requests) {
    const decision = await authorizer.authorize({ protocol: 'query', operation: `attack path: ${path.name}`, ...r, region: requestRegion(policies, r) }).then(() => ({ allowed: true }), err => ({ allowed: false, refusal: err.message }));
    results.push({ request: r, ...decision });
  }
  const allowed = path.expected === 'denied' ? results.some(r => r.allowed) : results.every(r => r.allowed);
  const decisive = path.expected === 'denied' ? results.find(r => r.allowed) : results.find(r => !r.allowed);
  return { outcome: allowed ? 'allowed' : 'denied', decisive, results };
}

/** One line per path, as the tests print it. */
export function pathLine(path, { outcome, decisive }) {
  const verdict = outcome === path.expected ? 'ok  ' : 'FAIL';
  const why = outcome !== path.expected && decisive
    ? ` — ${decisive.request.action} on ${decisive.request.resource}${decisive.refusal ? `: ${decisive.refusal}` : ' was allowed'}`
    : '';
  return `${verdict} ${outcome.padEnd(7)} (expected ${path.expected}) ${path.name}${why}`;
}

/**
 * The PolicySet the paths are evaluated against: dev's and prod's rendered policies, plus an administrator in each
 * account, under the organisation's SCPs when `organization` (renderOrganization()) is given.
 */
export function trustLandscape(devModel, prodModel, organization = null) {
  const devParts = environmentParts(devModel);
  const prodParts = environmentParts(prodModel);
  const sharedAdministrator = administratorIn(prodParts.sharedAccount);
  const devAdministrator = administratorIn(devParts.targetAccount);
  const prodAdministrator = administratorIn(prodParts.targetAccount);
  // Every role of shared services but prod's pipeline roles, over-granted: their denies must still hold.
  const overGrantedRoles = [prodParts.buildRole, devParts.buildRole, ...devParts.pipelineRoles].map(overGranted);
  // The people prod's approver role trusts (its aws:PrincipalArn condition), each with every permission of their own.
  const approvingPeople = [prodParts.approverRole?.trustPolicy.Statement.flatMap(st => [].concat(st.Condition?.ArnEquals?.['aws:PrincipalArn'] ?? [])) ?? []].flat()
    .map(arn => ({ ...administratorIn(arn.split(':')[4]), name: roleName(arn), arn }));
  // The role Terragrunt assumes in each member account (bootstrap): the one principal the deploy-role SCP lets through.
  const accessRoles = organization ? [devParts.targetAccount, prodParts.targetAccount, prodParts.sharedAccount]
    .map(id => ({ ...administratorIn(id), name: organization.accessRoleName, arn: `arn:aws:iam::${id}:role/${organization.accessRoleName}` })) : [];
  const policies = new PolicySet(combinedModel([devModel, prodModel], [sharedAdministrator, devAdministrator, prodAdministrator, ...overGrantedRoles, ...approvingPeople, ...accessRoles], organization));
  const paths = trustPaths({ dev: devParts, prod: prodParts, devAdministrator, sharedAdministrator, prodAdministrator, overGrantedRoles, approvingPeople });
  if (organization) paths.push(...organizationPaths({ dev: devParts, prod: prodParts, organization, devAdministrator, sharedAdministrator, prodAdministrator, accessRoles, approvingPeople }));
  return { policies, paths };
}

/**
 * The organisation's SCPs (issue 10, item 3), which bind everyone in the member accounts, administrators included:
 * no leaving, regional services only in the allowed regions, deploy roles changed only by the access role, trails
 * never stopped, a build started only by its pipeline role and the protected branches changed only by the release
 * roles. Each with the legitimate path it must leave open.
 */
export function organizationPaths({ dev, prod, organization, devAdministrator, sharedAdministrator, prodAdministrator, accessRoles, approvingPeople }) {
  const paths = [];
  const attack = (name, requests) => paths.push({ name, expected: 'denied', requests });
  const legitimate = (name, requests) => paths.push({ name, expected: 'allowed', requests });
  const administrators = [[dev.name, devAdministrator], [prod.name, prodAdministrator], ['shared services', sharedAdministrator]];
  const scp = (text) => `SCP: ${text}`;

  for (const [where, administrator] of administrators) {
    attack(scp(`an administrator in ${where} leaves the organisation`), [ask(session(administrator), 'organizations:LeaveOrganization', '*', { region: 'us-east-1' })]);
  }

  const prodFunction = prod.functions[0];
  const inRegion = (region) => prodFunction.arn.replace(`:lambda:${prodFunction.region}:`, `:lambda:${region}:`);
  attack(scp(`an administrator in ${prod.name} updates a function in us-west-2, a region environments.json does not use`),
    [ask(session(prodAdministrator), 'lambda:UpdateFunctionCode', inRegion('us-west-2'), { region: 'us-west-2' }), ask(session(prodAdministrator), 's3:CreateBucket', 'arn:aws:s3:::outside-the-regions', { region: 'ap-southeast-2' })]);
  legitimate(scp(`an administrator in ${prod.name} updates its function ${prodFunction.name} in ${prodFunction.region}, and invalidates the distribution (global)`),
    [ask(session(prodAdministrator), 'lambda:UpdateFunctionCode', prodFunction.arn, { region: prodFunction.region }), ask(session(prodAdministrator), 'cloudfront:CreateInvalidation', prod.distribution.arn, { region: 'us-east-1' })]);

  const changeRole = (principal, roleArn) => ['iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:UpdateAssumeRolePolicy', 'iam:DeleteRole']
    .map(action => ask(principal, action, roleArn, { region: 'us-east-1' }));
  for (const env of [dev, prod]) {
    const administrator = env === dev ? devAdministrator : prodAdministrator;
    attack(scp(`an administrator in ${env.name} changes ${env.name}'s deploy role`), changeRole(session(administrator), env.deployRole.arn));
    attack(scp(`${env.name}'s deploy role changes itself`), changeRole(session(env.deployRole), env.deployRole.arn));
    const access = accessRoles.find(r => r.account === env.targetAccount);
    legitimate(scp(`${organization.accessRoleName} (Terragrunt) changes ${env.name}'s deploy role`), changeRole(session(access), env.deployRole.arn));
  }

  // The organisation trail lives in the management account, out of members' reach anyway; the SCP keeps every
  // trail of a member account logging too (a trail of the same name in the administrator's own account).
  for (const trail of organization.trails) {
    for (const [where, administrator] of administrators) {
      const own = trail.arn.replace(`:${organization.managementAccount}:`, `:${administrator.account}:`);
      attack(scp(`an administrator in ${where} stops or deletes a trail of its account`), ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail']
        .map(action => ask(session(administrator), action, own, { region: trail.region })));
    }
  }

  // The way to production for people: the roles' own denies do not bind an administrator of shared services.
  if (prod.buildProject) {
    attack(scp(`an administrator in shared services starts ${prod.name}'s build project ${prod.buildProject.name} outside its pipeline`),
      ['codebuild:StartBuild', 'codebuild:StartBuildBatch', 'codebuild:RetryBuild'].map(action => ask(session(sharedAdministrator), action, prod.buildProject.arn, { region: prod.buildProject.region })));
    for (const role of prod.pipelineRoles) legitimate(scp(`${roleName(role.arn)} still starts ${prod.buildProject.name}`), [ask(session(role), 'codebuild:StartBuild', prod.buildProject.arn, { region: prod.buildProject.region })]);
  }
  if (prod.repositoryArn) {
    const region = prod.repositoryArn.split(':')[3];
    const push = (principal) => ['refs/heads/master', 'refs/heads/main'].flatMap(ref => ['codecommit:GitPush', 'codecommit:MergePullRequestByFastForward']
      .map(action => ask(principal, action, prod.repositoryArn, { region, context: { 'codecommit:References': [ref] } })));
    attack(scp(`an administrator in shared services pushes to the branches ${prod.name} builds`), push(session(sharedAdministrator)));
    for (const person of approvingPeople) legitimate(scp(`${roleName(person.arn)} (release role) merges into the branches ${prod.name} builds`), push(session(person)));
  }
  return paths;
}
